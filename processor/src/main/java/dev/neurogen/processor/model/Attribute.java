package dev.neurogen.processor.model;

/** Where a problem sits: on the annotated element itself or on one of the annotation's values. */
public enum Attribute {
  ELEMENT(null),
  LAYERS("layers"),
  ACTIVATION("activation"),
  HIDDEN_ACTIVATIONS("hiddenActivations"),
  OUTPUT_ACTIVATION("outputActivation"),
  LOSS("loss"),
  CODE_STYLE("codeStyle");

  private final String annotationMember;

  Attribute(String annotationMember) {
    this.annotationMember = annotationMember;
  }

  /** The {@code @Network} member name, or null for the element itself. */
  public String annotationMember() {
    return annotationMember;
  }
}
