# fuzz/engine.mk
