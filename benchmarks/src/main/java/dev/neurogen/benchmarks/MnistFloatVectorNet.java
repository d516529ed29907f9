package dev.neurogen.benchmarks;

import dev.neurogen.Activation;
import dev.neurogen.CodeStyle;
import dev.neurogen.FloatClassifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;
import dev.neurogen.Precision;

/** Workload W3 ({@link MnistNet}) with {@code precision = FLOAT} and {@code codeStyle = VECTOR_API}. */
@Network(layers = {784, 128, 64, 10}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY,
    precision = Precision.FLOAT, codeStyle = CodeStyle.VECTOR_API)
public interface MnistFloatVectorNet extends FloatClassifier {}
