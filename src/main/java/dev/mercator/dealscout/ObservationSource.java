package dev.mercator.dealscout;

/** Where an observation came from: a scan through a marketplace's API, or a merchant (or its browser extension). */
public enum ObservationSource {
    SCAN,
    USER_SUBMITTED
}
