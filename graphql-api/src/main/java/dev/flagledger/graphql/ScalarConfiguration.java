package dev.flagledger.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/** Wires the JSON and DateTime scalars the schema declares. */
@Configuration(proxyBeanMethods = false)
public class ScalarConfiguration {
    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.Json).scalar(DATE_TIME);
    }

    /**
     * The extended DateTime scalar, which takes offsets only, also taking the read models' bare
     * {@link Instant}s, as UTC (times are UTC on the wire): no field needs a mapper of its own for that.
     */
    static final GraphQLScalarType DATE_TIME = ExtendedScalars.DateTime.transform(scalar -> scalar.coercing(new UtcInstants()));

    private static final class UtcInstants implements Coercing<Object, Object> {
        @SuppressWarnings("unchecked")
        private final Coercing<Object, Object> offsets = (Coercing<Object, Object>) ExtendedScalars.DateTime.getCoercing();

        private static Object offset(Object value) {
            return value instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : value;
        }

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) throws CoercingSerializeException {
            return offsets.serialize(offset(value), context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object value, GraphQLContext context, Locale locale) {
            return offsets.valueToLiteral(offset(value), context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            return offsets.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            return offsets.parseLiteral(input, variables, context, locale);
        }
    }
}
