#ifndef CLINUX_SUPPORT_H
#define CLINUX_SUPPORT_H

/// Swaps two paths atomically (Linux renameat2 with RENAME_EXCHANGE): both must exist.
/// Returns 0, or -1 with errno set (ENOSYS/EINVAL where the kernel or file system lacks it).
int lp_rename_exchange(const char *a, const char *b);

#endif
