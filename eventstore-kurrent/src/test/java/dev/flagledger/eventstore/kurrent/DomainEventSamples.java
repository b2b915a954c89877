package dev.flagledger.eventstore.kurrent;

import dev.flagledger.domain.flag.FlagEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every event type of the domain, found rather than listed: the permitted records of each sealed
 * {@code *Event} interface in the domain's classes, so a new event cannot be left out of the mapping
 * tests. Samples are built from the records' components with plain values, trying simpler shapes
 * (empty lists, one absent component) when a record's own validation rejects the first attempt.
 */
final class DomainEventSamples {
    private DomainEventSamples() {
    }

    /** The sealed event families of the domain module. */
    static List<Class<?>> families() {
        try {
            Path location = Path.of(FlagEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // The domain's classes are a folder in an IDE and a jar in a Maven reactor build.
            java.nio.file.FileSystem jar = Files.isDirectory(location) ? null
                    : java.nio.file.FileSystems.newFileSystem(location, (ClassLoader) null);
            Path root = jar == null ? location : jar.getPath("/");
            try (jar; Stream<Path> files = Files.walk(root)) {
                return files.map(root::relativize).map(Path::toString)
                        .filter(name -> name.endsWith("Event.class") && !name.contains("$"))
                        .map(name -> name.startsWith("/") ? name.substring(1) : name)
                        .<Class<?>>map(name -> load(name.substring(0, name.length() - ".class".length()).replace('/', '.')))
                        .filter(type -> type.isInterface() && type.isSealed())
                        .sorted(Comparator.comparing(Class::getName)).collect(java.util.stream.Collectors.<Class<?>>toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every concrete event type of every family (following sealed sub-families). */
    static List<Class<?>> eventTypes() {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> family : families()) collect(family, types);
        return List.copyOf(types);
    }

    static Object sample(Class<?> type) {
        return build(type, 0);
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (type.isSealed()) for (Class<?> permitted : type.getPermittedSubclasses()) collect(permitted, into);
        else if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) into.add(type);
    }

    private static Object build(Type type, int depth) {
        if (depth > 16) throw new IllegalStateException("sample nests too deep at " + type);
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                Object element = build(parameterized.getActualTypeArguments()[0], depth + 1);
                return List.class.isAssignableFrom(raw) ? List.of(element) : Set.of(element);
            }
            if (Map.class.isAssignableFrom(raw)) return Map.of();
            return build(raw, depth);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) return "sample-" + depth;
        if (raw == boolean.class || raw == Boolean.class) return true;
        if (raw == int.class || raw == Integer.class) return 1;
        if (raw == long.class || raw == Long.class) return 7L;
        if (raw == double.class || raw == Double.class) return 0.5;
        if (raw == BigDecimal.class) return new BigDecimal("12.50");
        if (raw == Instant.class) return Instant.parse("2026-11-25T10:15:30.123456Z");
        if (raw == Object.class) return "value-" + depth;
        if (raw.isEnum()) return raw.getEnumConstants()[0];
        if (raw.isSealed()) return build(raw.getPermittedSubclasses()[0], depth + 1);
        if (raw.isRecord()) return record(raw, depth);
        throw new IllegalStateException("no sample for " + raw.getName() + ": teach DomainEventSamples this type");
    }

    private static Object record(Class<?> type, int depth) {
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        Object[] full = new Object[components.length];
        for (int i = 0; i < components.length; i++) full[i] = build(components[i].getGenericType(), depth + 1);
        List<Object[]> attempts = new ArrayList<>();
        attempts.add(full);
        Object[] emptyLists = full.clone();
        for (int i = 0; i < components.length; i++) if (full[i] instanceof List<?>) emptyLists[i] = List.of();
        attempts.add(emptyLists);
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) continue;
            Object[] oneAbsent = full.clone();
            oneAbsent[i] = null;
            attempts.add(oneAbsent);
        }
        RuntimeException last = null;
        for (Object[] arguments : attempts) {
            try {
                return constructor.newInstance(arguments);
            } catch (InvocationTargetException rejected) {
                last = rejected.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(rejected.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no sample of " + type.getName() + " passes its validation; add a shape", last);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
