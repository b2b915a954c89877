package dev.flagledger.sdk.keys;

/**
 * SERVER keys may download the whole environment configuration (rules included) and stream it;
 * CLIENT keys, which ship inside browsers and apps, may only ask OFREP for evaluated values.
 */
public enum SdkKeyKind { SERVER, CLIENT }
