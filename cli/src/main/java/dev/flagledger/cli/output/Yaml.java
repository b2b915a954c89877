package dev.flagledger.cli.output;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * One YAML dialect for everything the CLI writes and reads: block style, quotes only where YAML
 * needs them (Jackson quotes the YAML 1.1 words such as {@code on}/{@code off}/{@code yes}, so a
 * variation named "on" stays a string), no document start marker.
 */
public final class Yaml {
    public static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private Yaml() {
    }
}
