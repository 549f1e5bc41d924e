package dev.samstage.core.template;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a template's {@code Resources} section, a live view: changes made through it
 * change the template.
 */
public final class TemplateResource {

    private final String logicalId;
    private final TemplateMap node;

    TemplateResource(String logicalId, TemplateMap node) {
        this.logicalId = Objects.requireNonNull(logicalId, "logicalId");
        this.node = Objects.requireNonNull(node, "node");
    }

    public String logicalId() {
        return logicalId;
    }

    /** {@code AWS::Serverless::Function} and the like; empty when Type is absent or not a plain string. */
    public Optional<String> type() {
        return node.get("Type").filter(type -> type instanceof TemplateScalar scalar
                && scalar.kind() == TemplateScalar.Kind.STRING).map(type -> ((TemplateScalar) type).text());
    }

    /** The resource's whole mapping (Type, Properties, Condition, DependsOn, Metadata...). */
    public TemplateMap node() {
        return node;
    }

    /**
     * The Properties mapping, added empty when the resource has none.
     *
     * @throws TemplateException when Properties is present but not a mapping (for example an !If)
     */
    public TemplateMap properties() {
        Optional<TemplateNode> properties = node.get("Properties");
        if (properties.isEmpty() || properties.get() instanceof TemplateScalar scalar
                && scalar.kind() == TemplateScalar.Kind.NULL) {
            TemplateMap created = TemplateMap.empty();
            node.put("Properties", created);
            return created;
        }
        if (properties.get() instanceof TemplateMap map) {
            return map;
        }
        throw new TemplateException("Resources." + logicalId + ".Properties is not a mapping but "
                + properties.get() + "; write the properties as a mapping");
    }

    /** A property's value; empty when the resource has no such property (or no Properties mapping). */
    public Optional<TemplateNode> property(String name) {
        return node.getMap("Properties").flatMap(properties -> properties.get(name));
    }

    /** Sets a property, keeping its position when it exists; adds Properties when absent. */
    public void setProperty(String name, TemplateNode value) {
        properties().put(name, value);
    }

    @Override
    public String toString() {
        return logicalId + " (" + type().orElse("no type") + ")";
    }
}
