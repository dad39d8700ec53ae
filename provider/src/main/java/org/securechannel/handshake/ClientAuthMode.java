package org.securechannel.handshake;

/** Whether a server requests a client certificate, and whether it insists on one. */
public enum ClientAuthMode { NONE, OPTIONAL, REQUIRED }
