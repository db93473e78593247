/**
 * Model losses over a data set: {@link dev.gdsweep.loss.model.DenseData} (features, labels, names,
 * standardisation, a seeded split) and the {@link dev.gdsweep.loss.model.ModelLoss} family — linear,
 * logistic and softmax regression and a multilayer perceptron — each the mean over the rows of a
 * per-row loss plus an L2 penalty on the non-bias weights, implementing
 * {@link dev.gdsweep.loss.Loss} so the engine descends on them like on any built-in.
 *
 * <p>Pure Java (no Spark), and allocation-free per evaluation; see {@link
 * dev.gdsweep.loss.model.ModelLoss} for the weight layout all the models share. Logistic regression
 * runs a blocked kernel with a fixed order of operations, on the incubating Vector API when the JVM
 * has {@code --add-modules=jdk.incubator.vector} and in plain Java otherwise, with the same results
 * bit for bit (see {@code LogisticKernel}).
 *
 * <p>The multilayer perceptron with hidden layers runs one too, layer by layer over blocks of rows,
 * with the same promise (see {@code MlpKernel}).
 */
package dev.gdsweep.loss.model;
