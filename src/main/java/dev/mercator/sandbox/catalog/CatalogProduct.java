package dev.mercator.sandbox.catalog;

import java.math.BigDecimal;

/**
 * One real-world product of the generated catalogue, before any marketplace lists it.
 *
 * @param gtin a valid GTIN-13 (EAN) shared by every marketplace listing the product
 * @param basePrice the price in USD around which marketplaces set theirs
 */
public record CatalogProduct(
        int index, String gtin, String brand, String model, String kind, String colour, BigDecimal basePrice) {

    public String canonicalTitle() {
        return brand + " " + model + " " + kind + ", " + colour;
    }
}
