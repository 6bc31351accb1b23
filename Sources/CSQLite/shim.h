#ifndef INFRAPLAN_CSQLITE_SHIM_H
#define INFRAPLAN_CSQLITE_SHIM_H

#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro that Swift cannot import; this makes SQLite
   copy bound text and blobs before the bind call returns. */
static inline sqlite3_destructor_type csqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/* sqlite3_error_offset arrived in SQLite 3.38.0; older libraries report none. */
static inline int csqlite_error_offset(sqlite3 *db) {
#if SQLITE_VERSION_NUMBER >= 3038000
    return sqlite3_error_offset(db);
#else
    (void)db;
    return -1;
#endif
}

#endif
