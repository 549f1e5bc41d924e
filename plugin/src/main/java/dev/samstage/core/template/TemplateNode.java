package dev.samstage.core.template;

/**
 * A value in a template: a mapping, a sequence, a scalar, or a short-form intrinsic
 * function ({@code !Ref X}). Nodes are mutable so that packaging and deployment steps can
 * rewrite a template in place; {@link #copy()} gives an independent deep copy.
 * Equality is by meaning: scalar styles (quotes, block indicators) and flow/block layout
 * do not take part in it.
 */
public sealed interface TemplateNode permits TemplateMap, TemplateList, TemplateScalar, TemplateIntrinsic {

    /** A deep copy that shares nothing mutable with this node. */
    TemplateNode copy();
}
