/**
 * Measures computed from a finished run's stored weights, without retraining: each is a record with a static
 * {@code of(DenseWeights, LabeledImages[, Spec])} that computes it for any dense stack the model API accepts (hidden
 * activations relu, tanh, softsign, gelu, sigmoid, linear; any depth; L2 anywhere; Dropout layers are left out, as in
 * Keras's {@code evaluate}), and {@link org.mnistablation.measure.StudyMeasures} computes them for runs of a study,
 * keeps them in the {@link org.mnistablation.cache.MeasureCache} under a versioned id and reads them back.
 * <ul>
 *   <li>{@link org.mnistablation.measure.LossAccuracy}: the kept weights on the training set (dropout off, loss with
 *       the L2 terms), id {@code train-eval-v1};</li>
 *   <li>{@link org.mnistablation.measure.GradientNoise}: E‖g_B − g‖² per batch size, tr(Σ) and the noise scale;</li>
 *   <li>{@link org.mnistablation.measure.Sharpness}: top Hessian eigenvalue, loss increase under random perturbations;</li>
 *   <li>{@link org.mnistablation.measure.Robustness}: accuracy under each size of a
 *       {@link org.mnistablation.measure.Perturbation} (pixel noise, shifts, hidden units removed);</li>
 *   <li>{@link org.mnistablation.measure.Redundancy}: single-unit removal drops, mean |r| between units;</li>
 *   <li>{@link org.mnistablation.measure.Smoothness}: mean ‖∂loss/∂x‖ and ‖∂logits/∂x‖_F;</li>
 *   <li>{@link org.mnistablation.measure.GradientFlow}: kernel gradient norms and mean f′ per layer, at the initial
 *       and at the kept weights;</li>
 *   <li>{@link org.mnistablation.measure.Stability}: late val_loss spread and slope, weight-norm growth.</li>
 * </ul>
 * Over a setting's seeds, {@link org.mnistablation.measure.SeedSummary} gives mean ± 95 % t-interval,
 * {@link org.mnistablation.measure.MeasureTables} a table and {@link org.mnistablation.measure.MeasureFigures} a
 * figure per measure:
 * <pre>{@code
 * var measures = new StudyMeasures(study.measures(), study.data());      // main's Study.measures(): the MeasureCache
 * var curves = measures.robustness(h01.runs(), Perturbation.noise(0.1, 0.2, 0.3));
 * MeasureFigures.robustness("Dropout", Map.of("dropout 0.1", curves));
 * }</pre>
 * Every computation is deterministic (fixed seeds for noise, subsets, directions and removed units; fixed blocks of
 * rows for the products), so a cached value and a fresh one are the same numbers.
 */
package org.mnistablation.measure;
