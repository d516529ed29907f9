package dev.neurogen.benchmarks;

import dev.neurogen.Activation;
import dev.neurogen.FloatClassifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;
import dev.neurogen.Precision;

/** Workload W3 ({@link MnistNet}) with {@code precision = FLOAT}. */
@Network(layers = {784, 128, 64, 10}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY,
    precision = Precision.FLOAT)
public interface MnistFloatNet extends FloatClassifier {}
