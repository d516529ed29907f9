/**
 * Optimizers for generated networks: immutable configurations ({@link dev.neurogen.optim.Sgd},
 * {@link dev.neurogen.optim.Adam}, {@link dev.neurogen.optim.AdamW}, {@link
 * dev.neurogen.optim.RmsProp}, each PyTorch's update rule), learning-rate schedules ({@link
 * dev.neurogen.optim.LearningRateSchedule}), and the mutable {@link
 * dev.neurogen.optim.OptimizerState} that a network's {@code trainStep(..., state)} updates in
 * place, with {@link dev.neurogen.optim.OptimizerSnapshot} to save and resume it. Double and float
 * networks ({@code precision = FLOAT}) use the same classes: a state binds to the precision of the
 * network of its first step and then keeps its moments in it.
 *
 * <pre>
 * OptimizerState adam = Adam.builder().learningRate(1e-3).build().newState();
 * for (...) loss = net.trainStep(x, labels, batch, adam);
 * OptimizerSnapshot saved = adam.snapshot();
 * </pre>
 */
package dev.neurogen.optim;
