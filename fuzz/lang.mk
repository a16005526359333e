# fuzz/lang.mk
