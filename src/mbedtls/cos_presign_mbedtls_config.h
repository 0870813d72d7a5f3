/* mbedTLS configuration for cos-presign: crypto only, nothing else.
 * Named by MBEDTLS_CONFIG_FILE, so it replaces the default config entirely:
 * no TLS, no X.509, no PSA, no entropy or RNG — just the message digests
 * the signatures need (HMAC-SHA1 and SHA-1 for COS v5, SHA-256 for SigV4). */
#ifndef COS_PRESIGN_MBEDTLS_CONFIG_H
#define COS_PRESIGN_MBEDTLS_CONFIG_H

#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
/* Rolled SHA-256 loop: a third of the code for SigV4, which hashes little. */
#define MBEDTLS_SHA256_SMALLER

#endif
