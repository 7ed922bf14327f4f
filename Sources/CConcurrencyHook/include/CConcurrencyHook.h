#ifndef CAIRN_C_CONCURRENCY_HOOK_H
#define CAIRN_C_CONCURRENCY_HOOK_H

#include <stdbool.h>

/// Sets the Swift concurrency runtime's global enqueue hook to `hook` if no hook is set yet, and returns whether
/// it did. The hook is referenced by name at link time, so this works whether the runtime is a shared library or
/// linked into the executable, where its symbols are not in the dynamic table for `dlsym` to find.
bool cairn_install_enqueue_global_hook(void *_Nonnull hook);

#endif
