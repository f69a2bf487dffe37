package dev.mercator.dealscout.valuation;

import java.util.List;

/**
 * A deal score from 0 to 100 and the components it is made of, so a merchant sees why a listing scores what it does:
 * {@code score = 100 × discount × (½ + ½ × quality)}, where quality is the weighted mean of the other components.
 * A listing at or above its market value scores 0 however sure the value is; a deep discount on a thin, borrowed,
 * asking-price value scores half of the same discount on solid sale evidence.
 *
 * @param score the score, rounded
 * @param components each component's value from 0 to 1 and its weight within quality (the discount's is 1: it
 *     multiplies)
 */
public record DealScore(int score, List<Component> components) {

    /**
     * One component of a score.
     *
     * @param name {@code discount}, {@code confidence}, {@code evidence} or {@code seller}
     * @param value the component from 0 to 1
     * @param weight its weight within quality, or 1 for the discount
     */
    public record Component(String name, double value, double weight) {}
}
