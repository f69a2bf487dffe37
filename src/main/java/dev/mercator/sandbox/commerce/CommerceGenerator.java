package dev.mercator.sandbox.commerce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic story of one shop's commerce: customers who are new, loyal or lapsing, orders with seasons
 * and weekends over several channels, payment attempts, refunds and returns, and fraud rings whose orders (and a few
 * honest customers' "friendly fraud") end in chargebacks, the ground truth a fraud backtest is measured against.
 *
 * <p>Pure: the same {@link Plan} gives the same events, byte for byte (one {@link SplittableRandom} from the seed,
 * drawn in a fixed order; no clock, no hash-ordered collections).
 */
final class CommerceGenerator {

    /** What to generate: sizes, the seed and the UTC date range (inclusive) the orders fall in. */
    record Plan(long seed, int customers, int orders, int fraudRings, LocalDate from, LocalDate to) {}

    /** An event envelope as the intake takes it; {@code payload} is a JSON-ready map. */
    record Event(String id, String type, int version, Instant occurredAt, Map<String, Object> payload) {}

    /** The ground truth of one order: whether it ends in a chargeback, and why (a ring's name or friendly fraud). */
    record Label(String orderId, boolean chargeback, String pattern) {}

    record Story(List<Event> events, List<Label> labels, Map<String, Integer> counts) {}

    enum Lifecycle {
        NEW,
        LOYAL,
        LAPSING
    }

    private record Place(String city, String country, double latitude, double longitude) {}

    private record Product(String sku, String category, BigDecimal price) {}

    private record Customer(
            String id, String email, Lifecycle lifecycle, Place home, String card, String ip, String street) {}

    private record Timed(Instant at, int order, Event event) {}

    private static final List<Place> PLACES = List.of(
            new Place("New York", "US", 40.7128, -74.0060),
            new Place("Chicago", "US", 41.8781, -87.6298),
            new Place("Austin", "US", 30.2672, -97.7431),
            new Place("Seattle", "US", 47.6062, -122.3321),
            new Place("Toronto", "CA", 43.6532, -79.3832),
            new Place("London", "GB", 51.5074, -0.1278),
            new Place("Berlin", "DE", 52.5200, 13.4050),
            new Place("Paris", "FR", 48.8566, 2.3522));

    /** Where rings ship stolen goods: far from the cardholders' billing addresses. */
    private static final List<Place> DROPS = List.of(
            new Place("Lagos", "NG", 6.5244, 3.3792),
            new Place("Bucharest", "RO", 44.4268, 26.1025),
            new Place("Jakarta", "ID", -6.2088, 106.8456),
            new Place("Kyiv", "UA", 50.4501, 30.5234));

    private static final List<String> MAIL = List.of("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "gmx.de");
    private static final List<String> DISPOSABLE =
            List.of("mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com", "trashmail.com");
    private static final List<String> FIRST = List.of(
            "ada", "ben", "cleo", "dan", "eva", "finn", "gia", "hugo", "ines", "jon", "kim", "leo", "mia", "noah");
    private static final List<String> LAST =
            List.of("smith", "meyer", "dupont", "rossi", "novak", "garcia", "chen", "brown", "khan", "silva");

    private static final List<Product> PRODUCTS = List.of(
            new Product("TEE-001", "apparel", new BigDecimal("19.99")),
            new Product("HOOD-002", "apparel", new BigDecimal("49.90")),
            new Product("MUG-003", "home", new BigDecimal("12.50")),
            new Product("LAMP-004", "home", new BigDecimal("89.00")),
            new Product("BUDS-005", "electronics", new BigDecimal("129.00")),
            new Product("WATCH-006", "electronics", new BigDecimal("349.00")),
            new Product("PHONE-007", "electronics", new BigDecimal("899.00")),
            new Product("BOOK-008", "books", new BigDecimal("24.00")));

    private static final int FIRST_HIGH_VALUE = 5; // index from which a product is what rings buy

    private CommerceGenerator() {}

    static Story generate(Plan plan) {
        SplittableRandom random = new SplittableRandom(plan.seed());
        Instant start = plan.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = plan.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Timed> timeline = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        String prefix = "sbx-" + Long.toUnsignedString(plan.seed(), 36);

        List<Customer> customers = new ArrayList<>();
        for (int c = 0; c < plan.customers(); c++) {
            double kind = random.nextDouble();
            Lifecycle lifecycle = kind < 0.3 ? Lifecycle.LOYAL : kind < 0.65 ? Lifecycle.LAPSING : Lifecycle.NEW;
            String name = pick(random, FIRST) + "." + pick(random, LAST) + c;
            customers.add(new Customer(
                    "cust-" + c,
                    name + "@" + pick(random, MAIL),
                    lifecycle,
                    pick(random, PLACES),
                    "card-" + hex(random),
                    ip(random),
                    (1 + random.nextInt(999)) + " " + pick(random, LAST) + " street"));
        }
        counts.put("customers", customers.size());

        // Loyal customers order most, new ones least; each order's day follows the seasons (see seasonalDay).
        int ordersLeft = plan.orders();
        int serial = 0;
        long rangeSeconds = Duration.between(start, end).toSeconds();
        for (int o = 0; o < plan.orders() && !customers.isEmpty(); o++) {
            Customer customer = weighted(random, customers);
            Instant at = seasonalDay(random, start, rangeSeconds, customer.lifecycle());
            String orderId = prefix + "-o" + (serial++);
            boolean gift = random.nextDouble() < 0.03;
            Place shipTo = gift ? pick(random, PLACES) : customer.home();
            String channel = channel(random);
            List<Map<String, Object>> lines = lines(random, false);
            BigDecimal total = total(lines);
            int declines = random.nextDouble() < 0.06 ? 1 : 0;
            addAttempts(timeline, random, orderId, customer.id(), customer.card(), total, at, declines);
            timeline.add(new Timed(
                    at,
                    1,
                    order(
                            orderId,
                            customer.id(),
                            customer.email(),
                            channel,
                            customer.card(),
                            customer.ip(),
                            customer.home().country(),
                            customer.home(),
                            customer.street(),
                            shipTo,
                            lines,
                            at)));
            double fate = random.nextDouble();
            if (fate < 0.05) {
                Instant when = within(at.plus(Duration.ofDays(2 + random.nextInt(20))), end);
                timeline.add(new Timed(
                        when,
                        2,
                        event(orderId + "-refund", "order_refunded", when, refund(orderId, total, "changed_mind"))));
                counts.merge("refunds", 1, Integer::sum);
            } else if (fate < 0.11) {
                Instant when = within(at.plus(Duration.ofDays(5 + random.nextInt(25))), end);
                timeline.add(new Timed(
                        when, 2, event(orderId + "-return", "return_received", when, returned(orderId, lines))));
                counts.merge("returns", 1, Integer::sum);
            }
            boolean friendly = random.nextDouble() < 0.004;
            labels.add(new Label(orderId, friendly, friendly ? "friendly_fraud" : "none"));
            if (friendly) {
                addChargeback(timeline, random, orderId, total, at, end);
            }
            ordersLeft--;
        }
        counts.put("orders", plan.orders() - ordersLeft);

        // A ring: one stolen card and one IP behind several throw-away addresses, big first orders within hours,
        // billed to the cardholder's home and shipped to a drop abroad, with declines while they find the limit.
        int ringOrders = 0;
        for (int r = 0; r < plan.fraudRings(); r++) {
            String ring = "ring-" + (r + 1);
            Place victim = pick(random, PLACES);
            Place drop = pick(random, DROPS);
            String card = "card-" + hex(random);
            String ip = ip(random);
            Instant base = start.plusSeconds((long) (random.nextDouble() * Math.max(1, rangeSeconds - 86_400)));
            int members = 3 + random.nextInt(4);
            for (int m = 0; m < members; m++) {
                String email = pick(random, FIRST) + hex(random).substring(0, 4) + "@" + pick(random, DISPOSABLE);
                String customerId = ring + "-m" + m;
                int orders = 1 + random.nextInt(2);
                for (int k = 0; k < orders; k++) {
                    Instant at = base.plusSeconds(random.nextInt(6 * 3600));
                    String orderId = prefix + "-o" + (serial++);
                    List<Map<String, Object>> lines = lines(random, true);
                    BigDecimal total = total(lines);
                    addAttempts(timeline, random, orderId, customerId, card, total, at, 2 + random.nextInt(3));
                    timeline.add(new Timed(
                            at,
                            1,
                            order(
                                    orderId,
                                    customerId,
                                    email,
                                    "online_store",
                                    card,
                                    ip,
                                    drop.country(),
                                    victim,
                                    "1 main street",
                                    drop,
                                    lines,
                                    at)));
                    labels.add(new Label(orderId, true, ring));
                    addChargeback(timeline, random, orderId, total, at, end);
                    ringOrders++;
                }
            }
        }
        counts.put("fraudRings", plan.fraudRings());
        counts.put("fraudRingOrders", ringOrders);

        // Ids follow time, so the journal (which inserts a batch in id order) keeps each order's attempts before it.
        timeline.sort(Comparator.comparing(Timed::at)
                .thenComparingInt(Timed::order)
                .thenComparing(t -> t.event().id()));
        List<Event> events = new ArrayList<>(timeline.size());
        int n = 0;
        for (Timed timed : timeline) {
            Event e = timed.event();
            events.add(new Event(
                    prefix + "-" + String.format(Locale.ROOT, "%08d", n++) + "-" + e.type(),
                    e.type(),
                    e.version(),
                    e.occurredAt(),
                    e.payload()));
        }
        for (Event e : events) {
            counts.merge("events." + e.type(), 1, Integer::sum);
        }
        counts.put(
                "chargebacks", (int) labels.stream().filter(Label::chargeback).count());
        labels.sort(Comparator.comparing(Label::orderId));
        return new Story(List.copyOf(events), List.copyOf(labels), counts);
    }

    /**
     * A time in the range for a customer's order: new customers buy in the last third, lapsing ones stop after the
     * first half; days are kept with a weight for the season (a peak in late November and December, a summer low)
     * and weekends, by rejection.
     */
    private static Instant seasonalDay(SplittableRandom random, Instant start, long rangeSeconds, Lifecycle life) {
        double lo = life == Lifecycle.NEW ? 2.0 / 3 : 0;
        double hi = life == Lifecycle.LAPSING ? 0.5 : 1;
        while (true) {
            double f = lo + random.nextDouble() * (hi - lo);
            Instant at = start.plusSeconds((long) (f * rangeSeconds));
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            double weight = 1.0;
            int dayOfYear = day.getDayOfYear();
            if (dayOfYear >= 325) {
                weight += 1.0;
            } else if (dayOfYear >= 170 && dayOfYear <= 240) {
                weight -= 0.3;
            }
            if (day.getDayOfWeek().getValue() >= 6) {
                weight += 0.3;
            }
            if (random.nextDouble() * 2.3 < weight) {
                return at;
            }
        }
    }

    private static void addAttempts(
            List<Timed> timeline,
            SplittableRandom random,
            String orderId,
            String customerId,
            String card,
            BigDecimal total,
            Instant at,
            int declines) {
        for (int d = 0; d < declines; d++) {
            Instant when = at.minusSeconds(60L * (declines - d) + random.nextInt(30));
            Map<String, Object> payload = attempt(orderId, customerId, card, total, "declined");
            payload.put("declineCode", d % 2 == 0 ? "insufficient_funds" : "do_not_honor");
            timeline.add(new Timed(when, 0, event(orderId + "-pay-" + d, "payment_attempt", when, payload)));
        }
        Instant ok = at.minusSeconds(5);
        timeline.add(new Timed(
                ok,
                0,
                event(
                        orderId + "-pay-" + declines,
                        "payment_attempt",
                        ok,
                        attempt(orderId, customerId, card, total, "succeeded"))));
    }

    private static void addChargeback(
            List<Timed> timeline, SplittableRandom random, String orderId, BigDecimal total, Instant at, Instant end) {
        Instant when = within(at.plus(Duration.ofDays(15 + random.nextInt(40))), end);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("amount", total.toPlainString());
        payload.put("currency", "USD");
        payload.put("reason", "fraudulent");
        timeline.add(new Timed(when, 3, event(orderId + "-chargeback", "chargeback", when, payload)));
    }

    /**
     * What happens after an order (refund, return, chargeback) stays in the range, its last second at the latest, so
     * the story never reaches past the range's end (the intake refuses events from the future) and does not depend
     * on the clock.
     */
    private static Instant within(Instant when, Instant end) {
        return when.isBefore(end) ? when : end.minusSeconds(1);
    }

    private static Event order(
            String orderId,
            String customerId,
            String email,
            String channel,
            String card,
            String ip,
            String ipCountry,
            Place billing,
            String street,
            Place shipping,
            List<Map<String, Object>> lines,
            Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("customerId", customerId);
        payload.put("email", email);
        payload.put("channel", channel);
        payload.put("currency", "USD");
        payload.put("discount", "0");
        payload.put("shipping", "4.90");
        payload.put("cardFingerprint", card);
        payload.put("ip", ip);
        payload.put("ipCountry", ipCountry);
        payload.put("billingAddress", address(billing, street));
        payload.put("shippingAddress", address(shipping, street));
        payload.put("lines", lines);
        return new Event(orderId, "order_placed", 2, at, payload);
    }

    private static Map<String, Object> address(Place place, String street) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line1", street);
        address.put("city", place.city());
        address.put("country", place.country());
        address.put("latitude", place.latitude());
        address.put("longitude", place.longitude());
        return address;
    }

    private static Map<String, Object> attempt(
            String orderId, String customerId, String card, BigDecimal total, String outcome) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("customerId", customerId);
        payload.put("amount", total.toPlainString());
        payload.put("currency", "USD");
        payload.put("outcome", outcome);
        payload.put("method", "card");
        payload.put("cardFingerprint", card);
        return payload;
    }

    private static Map<String, Object> refund(String orderId, BigDecimal total, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("refundId", orderId + "-r");
        payload.put("amount", total.toPlainString());
        payload.put("currency", "USD");
        payload.put("reason", reason);
        return payload;
    }

    private static Map<String, Object> returned(String orderId, List<Map<String, Object>> lines) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("returnId", orderId + "-ret");
        List<Map<String, Object>> back = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sku", line.get("sku"));
            item.put("quantity", line.get("quantity"));
            item.put("condition", "sellable");
            back.add(item);
        }
        payload.put("lines", back);
        return payload;
    }

    private static Event event(String id, String type, Instant at, Map<String, Object> payload) {
        return new Event(id, type, 1, at, payload);
    }

    private static List<Map<String, Object>> lines(SplittableRandom random, boolean highValue) {
        int count = highValue ? 1 + random.nextInt(2) : 1 + random.nextInt(3);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Product product = highValue
                    ? PRODUCTS.get(FIRST_HIGH_VALUE + random.nextInt(2))
                    : PRODUCTS.get(random.nextInt(PRODUCTS.size() - 1));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", product.sku());
            line.put("category", product.category());
            line.put("quantity", highValue ? 1 + random.nextInt(2) : 1 + (random.nextDouble() < 0.2 ? 1 : 0));
            line.put("unitPrice", product.price().toPlainString());
            lines.add(line);
        }
        return lines;
    }

    private static BigDecimal total(List<Map<String, Object>> lines) {
        BigDecimal total = new BigDecimal("4.90");
        for (Map<String, Object> line : lines) {
            if (line.get("unitPrice") instanceof String price && line.get("quantity") instanceof Integer quantity) {
                total = total.add(new BigDecimal(price).multiply(BigDecimal.valueOf(quantity)));
            }
        }
        return total.setScale(2, RoundingMode.HALF_UP);
    }

    private static String channel(SplittableRandom random) {
        double c = random.nextDouble();
        return c < 0.7 ? "online_store" : c < 0.85 ? "pos" : "amazon";
    }

    private static Customer weighted(SplittableRandom random, List<Customer> customers) {
        while (true) {
            Customer candidate = customers.get(random.nextInt(customers.size()));
            double weight = switch (candidate.lifecycle()) {
                case LOYAL -> 1.0;
                case LAPSING -> 0.4;
                case NEW -> 0.25;
            };
            if (random.nextDouble() < weight) {
                return candidate;
            }
        }
    }

    private static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static String hex(SplittableRandom random) {
        return String.format(Locale.ROOT, "%016x", random.nextLong());
    }

    private static String ip(SplittableRandom random) {
        return (11 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    static long days(Plan plan) {
        return ChronoUnit.DAYS.between(plan.from(), plan.to()) + 1;
    }
}
