# fuzz/exec.mk
