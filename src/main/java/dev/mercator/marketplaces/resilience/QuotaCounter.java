package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Marketplace;
import java.time.LocalDate;

/** Where daily quota use is counted: the database in the service (shared by instances), memory in unit tests. */
interface QuotaCounter {

    /** Counts one call if fewer than {@code limit} were made that day; returns the new count, or -1 if none was left. */
    long tryTake(Marketplace marketplace, LocalDate day, long limit);

    long used(Marketplace marketplace, LocalDate day);
}
