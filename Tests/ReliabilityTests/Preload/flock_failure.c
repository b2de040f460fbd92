/* Makes every flock(2) call of a process fail with FLOCK_ERRNO (ENOLCK
 * unless defined at compile time), as on a file system without lock
 * support. Loaded with LD_PRELOAD by the locking tests; it replaces the
 * flock that HDF5's sec2 driver and the job lock call. */
#include <errno.h>

#ifndef FLOCK_ERRNO
#define FLOCK_ERRNO ENOLCK
#endif

int flock(int fd, int operation) {
    (void)fd;
    (void)operation;
    errno = FLOCK_ERRNO;
    return -1;
}
