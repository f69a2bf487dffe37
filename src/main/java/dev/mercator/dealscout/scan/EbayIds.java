package dev.mercator.dealscout.scan;

import java.util.Map;

/**
 * The eBay condition and category ids a scan may name. Conditions are eBay's full list of numeric item condition ids
 * (display names vary by category and site; the ids do not). Categories are a snapshot of the EBAY_US tree's
 * top-level categories and the leaf categories resellers scan most; an id outside it is refused rather than sent,
 * since eBay answers an unknown {@code category_ids} with an error on every run. A Taxonomy API client would replace
 * the snapshot (ADR 28).
 */
final class EbayIds {

    static final Map<String, String> CONDITIONS = Map.ofEntries(
            Map.entry("1000", "New"),
            Map.entry("1500", "New other"),
            Map.entry("1750", "New with defects"),
            Map.entry("2000", "Certified refurbished"),
            Map.entry("2010", "Excellent - Refurbished"),
            Map.entry("2020", "Very Good - Refurbished"),
            Map.entry("2030", "Good - Refurbished"),
            Map.entry("2500", "Seller refurbished"),
            Map.entry("2750", "Like New"),
            Map.entry("2990", "Pre-owned - Excellent"),
            Map.entry("3000", "Used"),
            Map.entry("3010", "Pre-owned - Fair"),
            Map.entry("4000", "Very Good"),
            Map.entry("5000", "Good"),
            Map.entry("6000", "Acceptable"),
            Map.entry("7000", "For parts or not working"));

    static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("1", "Collectibles"),
            Map.entry("220", "Toys & Hobbies"),
            Map.entry("237", "Dolls & Bears"),
            Map.entry("260", "Stamps"),
            Map.entry("267", "Books & Magazines"),
            Map.entry("281", "Jewelry & Watches"),
            Map.entry("293", "Consumer Electronics"),
            Map.entry("550", "Art"),
            Map.entry("619", "Musical Instruments & Gear"),
            Map.entry("625", "Cameras & Photo"),
            Map.entry("870", "Pottery & Glass"),
            Map.entry("888", "Sporting Goods"),
            Map.entry("1249", "Video Games & Consoles"),
            Map.entry("1281", "Pet Supplies"),
            Map.entry("2984", "Baby"),
            Map.entry("3252", "Travel"),
            Map.entry("6000", "eBay Motors"),
            Map.entry("11116", "Coins & Paper Money"),
            Map.entry("11232", "Movies & TV"),
            Map.entry("11233", "Music"),
            Map.entry("11450", "Clothing, Shoes & Accessories"),
            Map.entry("11700", "Home & Garden"),
            Map.entry("12576", "Business & Industrial"),
            Map.entry("14339", "Crafts"),
            Map.entry("15032", "Cell Phones & Accessories"),
            Map.entry("20081", "Antiques"),
            Map.entry("26395", "Health & Beauty"),
            Map.entry("45100", "Entertainment Memorabilia"),
            Map.entry("58058", "Computers/Tablets & Networking"),
            Map.entry("64482", "Sports Mem, Cards & Fan Shop"),
            Map.entry("99", "Everything Else"),
            Map.entry("177", "PC Laptops & Netbooks"),
            Map.entry("9355", "Cell Phones & Smartphones"),
            Map.entry("31388", "Digital Cameras"),
            Map.entry("112529", "Headphones"),
            Map.entry("139971", "Video Game Consoles"),
            Map.entry("139973", "Video Games"),
            Map.entry("171485", "Tablets & eBook Readers"),
            Map.entry("178893", "Smart Watches"),
            Map.entry("27386", "Graphics/Video Cards"),
            Map.entry("164", "CPUs/Processors"),
            Map.entry("80053", "Monitors"));

    private EbayIds() {}
}
