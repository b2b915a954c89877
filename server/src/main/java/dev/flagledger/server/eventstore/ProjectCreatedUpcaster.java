package dev.flagledger.server.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.domain.project.ProjectCreated;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Locale;

/**
 * ProjectCreated revision 1 (no revision recorded) listed environments as bare keys and had no
 * description. Revision 2 gives each environment a name and a reason policy; production keeps
 * requiring a reason, as it always did by policy.
 */
public class ProjectCreatedUpcaster extends SingleEventUpcaster {
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ProjectCreated.class.getName(), null);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(ProjectCreated.class.getName(), "2"),
                JsonNode.class, ProjectCreatedUpcaster::toRevision2);
    }

    static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode payload = ((ObjectNode) revision1.deepCopy());
        if (!payload.has("description")) payload.put("description", "");
        ArrayNode environments = JsonNodeFactory.instance.arrayNode();
        for (JsonNode key : revision1.path("environments")) {
            String environment = key.asText();
            environments.addObject()
                    .put("key", environment)
                    .put("name", environment.substring(0, 1).toUpperCase(Locale.ROOT) + environment.substring(1))
                    .put("requireReason", environment.equals("production"));
        }
        payload.set("environments", environments);
        return payload;
    }
}
