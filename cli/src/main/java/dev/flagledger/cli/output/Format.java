package dev.flagledger.cli.output;

/** {@code --output}: a human table, or the data itself as JSON or YAML for scripts. */
public enum Format { TABLE, JSON, YAML }
