/* Loaded with LD_PRELOAD under valgrind only (bench/profile.sh).
 *
 * Swift's async main parks the main thread in libdispatch's _dispatch_sigsuspend, which passes
 * sigsuspend() a mask that lives in read-only memory. Valgrind 3.19 rewrites the mask in place
 * (to keep its own signals deliverable) and dies with SIGSEGV on that write. Passing a writable
 * copy changes nothing for the program and lets callgrind run it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigsuspend(const sigset_t *mask) {
    static int (*real)(const sigset_t *);
    if (!real) real = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    sigset_t copy = *mask;
    return real(&copy);
}
