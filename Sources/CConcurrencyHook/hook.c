#include "CConcurrencyHook.h"

#include <stddef.h>

// The runtime declares it as a Swift-convention function pointer; only its storage is used here.
extern void *swift_task_enqueueGlobal_hook;

bool cairn_install_enqueue_global_hook(void *hook) {
    void *expected = NULL;
    return __atomic_compare_exchange_n(&swift_task_enqueueGlobal_hook, &expected, hook, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}
