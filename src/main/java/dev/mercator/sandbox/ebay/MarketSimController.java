package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.catalog.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's controls for living markets, for tests and benchmarks only (Mercator's own code never calls them):
 * create or reshape an app's market, plant a deal or scam now, advance simulated time, and read the ground truth.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/ebay/_sim/markets/{account}", produces = MediaType.APPLICATION_JSON_VALUE)
class MarketSimController {

    private static final Duration MAX_ADVANCE = Duration.ofDays(60);

    private final Markets markets;

    MarketSimController(Markets markets) {
        this.markets = markets;
    }

    /** Creates (or replaces) the app's market; fields left out take the {@code mercator.sandbox.ebay.market} ones. */
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(
            @PathVariable String account, @RequestBody(required = false) @Nullable JsonNode body) {
        JsonNode in = body == null ? Json.object() : body;
        MarketShape base = markets.defaults();
        List<MarketShape.ProductSpec> products = new ArrayList<>();
        for (JsonNode p : in.path("products")) {
            BigDecimal value;
            try {
                value = new BigDecimal(p.path("trueValue").asString("0"));
            } catch (NumberFormatException e) {
                return bad("trueValue must be a number");
            }
            products.add(new MarketShape.ProductSpec(
                    p.path("title").asString(""),
                    p.path("brand").asString(""),
                    p.path("model").asString(""),
                    p.path("gtin").isString() ? p.path("gtin").asString() : null,
                    p.path("categoryId").asString(""),
                    value));
        }
        MarketShape shape = new MarketShape(
                in.path("seed").asLong(base.seed()),
                in.path("productCount").asInt(base.productCount()),
                products,
                in.path("listingsPerProductPerDay").asDouble(base.listingsPerProductPerDay()),
                in.path("priceSpread").asDouble(base.priceSpread()),
                in.path("vanishPerDay").asDouble(base.vanishPerDay()),
                in.path("cutPerDay").asDouble(base.cutPerDay()),
                in.path("auctionShare").asDouble(base.auctionShare()),
                in.path("dealShare").asDouble(base.dealShare()),
                in.path("scamShare").asDouble(base.scamShare()));
        List<String> problems = shape.problems();
        if (!problems.isEmpty()) {
            return bad(String.join("; ", problems));
        }
        return json(HttpStatus.CREATED, summary(markets.create(account, shape)));
    }

    @GetMapping
    ResponseEntity<String> show(@PathVariable String account) {
        return markets.of(account)
                .map(market -> json(HttpStatus.OK, summary(market)))
                .orElseGet(MarketSimController::unknown);
    }

    @DeleteMapping
    ResponseEntity<String> remove(@PathVariable String account) {
        return markets.remove(account) ? ResponseEntity.noContent().build() : unknown();
    }

    /** {@code {"by":"P7D"}}: moves simulated time forward (at most 60 days per call) and runs the market to it. */
    @PostMapping(path = "/advance", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> advance(@PathVariable String account, @RequestBody JsonNode body) {
        Duration by;
        try {
            by = Duration.parse(body.path("by").asString(""));
        } catch (DateTimeParseException e) {
            return bad("by must be an ISO-8601 duration such as PT6H or P7D");
        }
        if (by.isNegative() || by.isZero() || by.compareTo(MAX_ADVANCE) > 0) {
            return bad("by must be positive and at most P60D");
        }
        return markets.advance(account, by)
                .map(market -> json(HttpStatus.OK, summary(market)))
                .orElseGet(MarketSimController::unknown);
    }

    /** {@code {"kind":"DEAL"|"SCAM","productId":"p3"}}: lists a planted deal or scam now; productId optional. */
    @PostMapping(path = "/plant", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> plant(@PathVariable String account, @RequestBody JsonNode body) {
        Optional<Market> market = markets.of(account);
        if (market.isEmpty()) {
            return unknown();
        }
        String kindName = body.path("kind").asString("");
        if (!kindName.equals("DEAL") && !kindName.equals("SCAM")) {
            return bad("kind must be DEAL or SCAM");
        }
        Market.Product product = null;
        if (body.hasNonNull("productId")) {
            String id = body.path("productId").asString();
            product = market.get().products().stream()
                    .filter(p -> p.id().equals(id))
                    .findFirst()
                    .orElse(null);
            if (product == null) {
                return bad("unknown productId " + id);
            }
        }
        MarketListing planted = market.get().plant(MarketListing.Kind.valueOf(kindName), product);
        ObjectNode out = Json.object();
        truth(out, planted);
        return json(HttpStatus.CREATED, out);
    }

    /** The ground truth: every listing the market ever had ({@code shownOnly}: those a search or item call showed). */
    @GetMapping("/truth")
    ResponseEntity<String> truth(
            @PathVariable String account, @RequestParam(defaultValue = "false") boolean shownOnly) {
        Optional<Market> market = markets.of(account);
        if (market.isEmpty()) {
            return unknown();
        }
        ObjectNode out = summary(market.get());
        ArrayNode listings = out.putArray("listings");
        for (MarketListing listing : market.get().all()) {
            if (!shownOnly || listing.shown) {
                truth(listings.addObject(), listing);
            }
        }
        return json(HttpStatus.OK, out);
    }

    private static ObjectNode summary(Market market) {
        ObjectNode out = Json.object();
        MarketShape shape = market.shape();
        out.put("account", market.account());
        out.put("seed", shape.seed());
        out.put("startedAt", market.start().toString());
        out.put("now", market.now().toString());
        out.put("listingsPerProductPerDay", shape.listingsPerProductPerDay());
        out.put("priceSpread", shape.priceSpread());
        out.put("vanishPerDay", shape.vanishPerDay());
        out.put("cutPerDay", shape.cutPerDay());
        out.put("auctionShare", shape.auctionShare());
        out.put("dealShare", shape.dealShare());
        out.put("scamShare", shape.scamShare());
        out.put("active", market.active().size());
        ArrayNode products = out.putArray("products");
        for (Market.Product p : market.products()) {
            ObjectNode node = products.addObject();
            node.put("id", p.id());
            node.put("title", p.title());
            node.put("brand", p.brand());
            node.put("model", p.model());
            node.put("gtin", p.gtin());
            node.put("epid", p.epid());
            node.put("categoryId", p.categoryId());
            ObjectNode values = node.putObject("trueValues");
            for (int i = 0; i < Market.CONDITIONS.length; i++) {
                values.put(
                        Market.CONDITIONS[i],
                        Market.money(p.trueValue().multiply(BigDecimal.valueOf(Market.CONDITION_VALUE[i])))
                                .toPlainString());
            }
        }
        return out;
    }

    private static void truth(ObjectNode node, MarketListing l) {
        node.put("itemId", l.itemId);
        node.put("productId", l.product.id());
        node.put("title", l.title);
        node.put("kind", l.kind.name());
        node.put("scamReason", l.scamReason);
        node.put("conditionId", l.conditionId);
        node.put("actualConditionId", l.actualConditionId);
        node.put("trueValue", l.trueValue.toPlainString());
        node.put("price", l.price.toPlainString());
        node.put("shipping", l.shipping.toPlainString());
        node.put("total", l.total().toPlainString());
        node.put("initialPrice", l.initialPrice.toPlainString());
        node.put("priceCuts", l.priceCuts);
        node.put("currency", l.currency);
        node.put("buyingOption", l.buyingOption());
        node.put("itemEndDate", l.endsAt == null ? null : l.endsAt.toString());
        node.put("seller", l.seller);
        node.put("listedAt", l.listedAt.toString());
        node.put("vanishedAt", l.vanishedAt == null ? null : l.vanishedAt.toString());
        node.put("sold", l.sold);
        node.put("shown", l.shown);
    }

    private static ResponseEntity<String> unknown() {
        return bad(HttpStatus.NOT_FOUND, "no market for this account; PUT one first");
    }

    private static ResponseEntity<String> bad(String message) {
        return bad(HttpStatus.BAD_REQUEST, message);
    }

    private static ResponseEntity<String> bad(HttpStatus status, String message) {
        ObjectNode out = Json.object();
        out.put("error", message);
        return json(status, out);
    }

    private static ResponseEntity<String> json(HttpStatus status, ObjectNode body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }
}
