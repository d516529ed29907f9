package dev.neurogen.processor.model;

/**
 * One error found in a declaration: the formatted text and where to point at it. {@code index} is
 * the position inside an array-valued attribute (e.g. the offending layer size), or -1.
 */
public record Problem(Message message, String text, Attribute attribute, int index) {

  public static Problem on(Attribute attribute, Message message, Object... arguments) {
    return new Problem(message, message.format(arguments), attribute, -1);
  }

  public static Problem onElement(Message message, Object... arguments) {
    return on(Attribute.ELEMENT, message, arguments);
  }

  public static Problem atIndex(Attribute attribute, int index, Message message, Object... arguments) {
    return new Problem(message, message.format(arguments), attribute, index);
  }
}
