package dev.publicsafety.dal.training;

/** {@link TrainingWork} without a result, for {@link TrainingDatabase#execute}. */
@FunctionalInterface
public interface TrainingAction {

    void run(TrainingTransaction tx);
}
