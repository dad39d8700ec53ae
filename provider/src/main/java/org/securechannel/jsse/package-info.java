/**
 * The javax.net.ssl adapters over the security context engine (DESIGN §3): SSLContextSpi, SSLEngine and the
 * SSLSession they share. The only package that may use javax.net.ssl beyond the key/trust manager interfaces.
 */
package org.securechannel.jsse;
