/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * poison.h - POISON/UNPOISON: mark memory ASan must report any access to
 * (and allow it again), or nothing without ASan. For memory kept and reused
 * instead of freed (the world heap's recycled blocks, AFL++'s input buffer),
 * so that a use after its end is still caught.
 */
#ifndef VSMMU_INJECT_POISON_H
#define VSMMU_INJECT_POISON_H

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VS_POISON_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(VS_POISON_ASAN)
#define VS_POISON_ASAN 1
#endif
#ifdef VS_POISON_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)   __asan_poison_memory_region((p), (n))
#define UNPOISON(p, n) __asan_unpoison_memory_region((p), (n))
#else
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#endif /* VSMMU_INJECT_POISON_H */
