#ifndef INFRAPLAN_CCRYPTO_SHIM_H
#define INFRAPLAN_CCRYPTO_SHIM_H

#include <openssl/evp.h>
#include <openssl/sha.h>

#endif
