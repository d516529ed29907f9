package dev.neurogen.benchmarks;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.CodeStyle;
import dev.neurogen.Loss;
import dev.neurogen.Network;

/** Workload W3 with {@code codeStyle = VECTOR_API}. */
@Network(layers = {784, 128, 64, 10}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY,
    codeStyle = CodeStyle.VECTOR_API)
public interface MnistVectorNet extends Classifier {}
