package dev.flagledger.privacy.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.flagledger.domain.flag.Target;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.TargetingLimits;
import dev.flagledger.domain.privacy.DataSubjectKind;
import dev.flagledger.domain.privacy.PersonalValue;
import dev.flagledger.domain.segment.SegmentDefinition;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which values are personal, sealing them on the way in and opening them on the way out.
 *
 * <p>Personal: the keys of individual targets ({@link Target#keys()}) and of segment include and
 * exclude lists (each key is its own {@code USER} subject), and people's names and e-mail addresses
 * wherever they sit beside the person's subject, in metadata and in command records (sealed under that
 * {@code ACTOR} subject; {@link #subjectKeyFor}). Subjects named {@code system:...} are not people and
 * stay plain.
 *
 * <p>Sealing happens to commands before they reach an aggregate, so events, snapshots and every read
 * model hold sealed values only and the plain text never reaches the database. Opening happens where
 * values leave the server (GraphQL, exports, the evaluation snapshot that SDKs download).
 */
public class PersonalData {
    private static final int MAX_DEPTH = 12;
    private static final com.fasterxml.jackson.databind.ObjectMapper TEXT = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final java.util.regex.Pattern SEALED = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(PersonalValue.PREFIX) + "[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]+");
    private final SubjectVault vault;

    public PersonalData(SubjectVault vault) {
        this.vault = vault;
    }

    public SubjectVault vault() {
        return vault;
    }

    /**
     * Whether an actor subject is a person whose data is sealed: not the system ({@code system:scheduler})
     * and not an API token ({@code token:<id>}, whose name an admin chose; the person it acts for is
     * named by {@code actorOnBehalfOfSubject} and sealed as such).
     */
    public static boolean isPerson(String actorSubject) {
        return actorSubject != null && !actorSubject.isBlank() && !actorSubject.startsWith("system:")
                && !actorSubject.startsWith("token:");
    }

    // ---- sealing (commands coming in)

    /**
     * The command with every personal value sealed: targets and segment lists anywhere in its records
     * and lists. Plain keys are checked against the usual size limit first; the erased placeholder and
     * values sealed under a key that no longer exists are dropped (an erased person cannot be targeted).
     */
    public Object sealCommand(Object command) {
        return seal(command, 0);
    }

    /**
     * Metadata with every person's name and e-mail sealed under their subject: {@code actorName} and
     * {@code actorEmail} under {@code actorSubject}, {@code scheduledByName} under
     * {@code scheduledBySubject}, {@code actorOnBehalfOfName} under {@code actorOnBehalfOfSubject}, and
     * so on for nested maps and lists (the approvers of a change request). See {@link #sealPairs}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> sealMetadata(Map<String, ?> metadata) {
        return (Map<String, Object>) sealTree(metadata, 0);
    }

    /**
     * The pairing rule, for maps and records alike: a {@code <p>Name} or {@code <p>Email} (also plain
     * {@code name}/{@code email}) beside a {@code <p>Subject} ({@code subject}) naming a person is that
     * person's data. This is how every actor-shaped value is written (metadata, {@code ScheduledBy},
     * {@code Reviewer}, {@code RecordChangeRequestApplied}), so a new one is covered by naming it so.
     */
    static String subjectKeyFor(String key) {
        if (key.equals("name") || key.equals("email")) return "subject";
        if (key.endsWith("Name")) return key.substring(0, key.length() - 4) + "Subject";
        if (key.endsWith("Email")) return key.substring(0, key.length() - 5) + "Subject";
        return null;
    }

    private Object sealPair(String key, Object value, java.util.function.Function<String, Object> sibling) {
        if (!(value instanceof String text) || PersonalValue.isSealed(text)) return value;
        String subjectKey = subjectKeyFor(key);
        if (subjectKey == null || !(sibling.apply(subjectKey) instanceof String person) || !isPerson(person)) return value;
        return vault.seal(DataSubjectKind.ACTOR, person, text);
    }

    private Object sealTree(Object value, int depth) {
        if (depth > MAX_DEPTH) return value;
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sealed = new LinkedHashMap<>();
            map.forEach((key, element) -> {
                Object paired = sealPair(String.valueOf(key), element, map::get);
                sealed.put(String.valueOf(key), paired != element ? paired : sealTree(element, depth + 1));
            });
            return sealed;
        }
        if (value instanceof List<?> list) return list.stream().map(element -> sealTree(element, depth + 1)).toList();
        return value;
    }

    public List<String> sealUserKeys(List<String> keys) {
        List<String> sealed = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (key == null || PersonalValue.isSealed(key) && vault.opens(key)) sealed.add(key);
            else if (PersonalValue.ERASED.equals(key) || PersonalValue.isSealed(key)) continue;
            else {
                TargetingLimits.text("a targeted key", key);
                sealed.add(vault.seal(DataSubjectKind.USER, key, key));
            }
        }
        return sealed;
    }

    private Object seal(Object value, int depth) {
        if (value == null || depth > MAX_DEPTH) return value;
        if (value instanceof Target target) return new Target(target.variation(), sealUserKeys(target.keys()));
        if (value instanceof SegmentDefinition definition)
            return new SegmentDefinition(definition.name(), definition.description(),
                    sealUserKeys(definition.included()), sealUserKeys(definition.excluded()), definition.rules(),
                    definition.behaviour());
        if (value instanceof List<?> list) {
            List<Object> sealed = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object element : list) {
                Object after = seal(element, depth + 1);
                changed |= after != element;
                sealed.add(after);
            }
            return changed ? sealed : value;
        }
        if (value.getClass().isRecord() && value.getClass().getName().startsWith("dev.flagledger."))
            return sealRecord((Record) value, depth);
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            Object sealed = sealTree(map, depth);
            return sealed.equals(map) ? value : sealed;
        }
        return value;
    }

    private Object sealRecord(Record value, int depth) {
        RecordComponent[] components = value.getClass().getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        try {
            Map<String, Object> values = new LinkedHashMap<>();
            for (RecordComponent component : components) values.put(component.getName(), component.getAccessor().invoke(value));
            for (int i = 0; i < components.length; i++) {
                Object before = values.get(components[i].getName());
                Object paired = sealPair(components[i].getName(), before, values::get);
                arguments[i] = paired != before ? paired : seal(before, depth + 1);
                types[i] = components[i].getType();
                changed |= arguments[i] != before;
            }
            if (!changed) return value;
            Constructor<?> canonical = value.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException rejected) throw rejected;
            throw new IllegalStateException("cannot seal " + value.getClass().getName(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot seal " + value.getClass().getName(), e);
        }
    }

    // ---- opening (values going out)

    public String open(String value) {
        return vault.open(value);
    }

    public List<String> open(List<String> values) {
        return values.stream().map(vault::open).toList();
    }

    /** Targeting with its target keys opened (an erased key reads as the placeholder and matches no one). */
    public Targeting open(Targeting targeting) {
        if (targeting == null || targeting.targets().isEmpty()) return targeting;
        return new Targeting(targeting.prerequisites(), targeting.targets().stream()
                .map(target -> new Target(target.variation(), open(target.keys()))).toList(),
                targeting.rules(), targeting.fallthroughRollout());
    }

    public SegmentDefinition open(SegmentDefinition definition) {
        if (definition == null) return null;
        return new SegmentDefinition(definition.name(), definition.description(), open(definition.included()),
                open(definition.excluded()), definition.rules(), definition.behaviour());
    }

    /**
     * A JSON-shaped value (maps, lists, strings, Jackson trees, as GraphQL results and read models hold
     * them) with every sealed string opened; the original when nothing in it was sealed.
     */
    @SuppressWarnings("unchecked")
    public Object openTree(Object value) {
        if (value instanceof String text) return openText(text);
        if (value instanceof JsonNode node) return openJson(node);
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> opened = null;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object after = openTree(entry.getValue());
                if (after != entry.getValue() && opened == null) opened = new LinkedHashMap<>(map);
                if (opened != null) opened.put(entry.getKey(), after);
            }
            return opened == null ? value : opened;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> opened = new ArrayList<>(collection.size());
            boolean changed = false;
            for (Object element : collection) {
                Object after = openTree(element);
                changed |= after != element;
                opened.add(after);
            }
            return changed ? opened : value;
        }
        return value;
    }

    /**
     * A string that is a sealed value, or holds some: JSON text (a change request's diff keeps values as
     * JSON) is opened value by value and written again; other text has each sealed value replaced.
     */
    public String openText(String text) {
        if (text == null || !text.contains(PersonalValue.PREFIX)) return text;
        if (SEALED.matcher(text).matches()) return vault.open(text);
        try {
            JsonNode tree = TEXT.readTree(text);
            if (tree.isContainerNode()) return TEXT.writeValueAsString(openJson(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // plain text with sealed values in it
        }
        return SEALED.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(vault.open(match.group())));
    }

    public JsonNode openJson(JsonNode node) {
        if (node == null) return null;
        if (node.isTextual()) {
            String opened = PersonalValue.isSealed(node.textValue()) ? vault.open(node.textValue()) : null;
            return opened == null ? node : TextNode.valueOf(opened);
        }
        if (node.isArray()) {
            ArrayNode opened = JsonNodeFactory.instance.arrayNode();
            boolean changed = false;
            for (JsonNode element : node) {
                JsonNode after = openJson(element);
                changed |= after != element;
                opened.add(after);
            }
            return changed ? opened : node;
        }
        if (node.isObject()) {
            ObjectNode opened = JsonNodeFactory.instance.objectNode();
            boolean changed = false;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode after = openJson(field.getValue());
                changed |= after != field.getValue();
                opened.set(field.getKey(), after);
            }
            return changed ? opened : node;
        }
        return node;
    }

    /** Whether a value is sealed under the given key id (how an export finds a subject's values). */
    public static boolean sealedUnder(String value, String keyId) {
        return SubjectVault.keyIdOf(value).map(id -> Objects.equals(id, keyId)).orElse(false);
    }
}
