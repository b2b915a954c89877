package dev.flagledger.server.privacy;

import dev.flagledger.privacy.subject.PersonalData;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Seals the personal values of every command (targeting keys, segment lists, the actor's name and
 * e-mail in its metadata) as it is dispatched, so no aggregate, event, snapshot or read model ever
 * holds them in plain text.
 */
final class PersonalDataSealing implements MessageDispatchInterceptor<CommandMessage<?>> {
    private final PersonalData personalData;

    PersonalDataSealing(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Object payload = command.getPayload();
            Object sealed = personalData.sealCommand(payload);
            Map<String, Object> metadata = personalData.sealMetadata(command.getMetaData());
            if (sealed == payload && metadata.equals(command.getMetaData())) return command;
            return new GenericCommandMessage<>(new GenericMessage<>(command.getIdentifier(), sealed,
                    MetaData.from(metadata)), command.getCommandName());
        };
    }
}
