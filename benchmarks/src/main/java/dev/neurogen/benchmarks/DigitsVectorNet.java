package dev.neurogen.benchmarks;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.CodeStyle;
import dev.neurogen.Loss;
import dev.neurogen.Network;

/** Workload W2 with {@code codeStyle = VECTOR_API}. */
@Network(layers = {64, 32, 10}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY,
    codeStyle = CodeStyle.VECTOR_API)
public interface DigitsVectorNet extends Classifier {}
