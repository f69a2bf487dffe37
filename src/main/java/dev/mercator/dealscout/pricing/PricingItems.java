package dev.mercator.dealscout.pricing;

import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pricing tables: every read and write of an item and its photos, by merchant where a merchant asks. Each status
 * change is a compare-and-set on the row's version, so of two instances racing for an item exactly one wins.
 */
@Component
class PricingItems {

    private static final String COLUMNS = """
            id, merchant_id, status, title, description, gtin, condition_id, category_id, currency, reason, proposal,
            answer, version, created_at, updated_at""";

    private final JdbcClient jdbc;

    PricingItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PricingItem item, List<PricingItem.Photo> photos) {
        PricingItem.Inputs in = item.inputs();
        jdbc.sql("insert into dealscout_pricing_items (" + COLUMNS + ", claimed_until) values (:id, :m, :status,"
                        + " :title, :description, :gtin, :condition, :category, :currency, null, null, null, 0, :now,"
                        + " :now, null)")
                .param("id", item.id())
                .param("m", item.merchant().value())
                .param("status", item.status().wire())
                .param("title", in.title())
                .param("description", in.description())
                .param("gtin", in.gtin())
                .param("condition", in.conditionId())
                .param("category", in.categoryId())
                .param("currency", item.currency())
                .param("now", Timestamp.from(item.createdAt()))
                .update();
        for (PricingItem.Photo photo : photos) {
            jdbc.sql("insert into dealscout_pricing_photos (item_id, position, object_key, media_type, size_bytes,"
                            + " width, height) values (:item, :position, :key, :type, :size, :width, :height)")
                    .param("item", item.id())
                    .param("position", photo.position())
                    .param("key", photo.objectKey())
                    .param("type", photo.mediaType())
                    .param("size", photo.sizeBytes())
                    .param("width", photo.width())
                    .param("height", photo.height())
                    .update();
        }
    }

    Optional<PricingItem> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from dealscout_pricing_items where id = :id and merchant_id = :m")
                .param("id", id)
                .param("m", merchant.value())
                .query(PricingItems::row)
                .optional();
    }

    Optional<PricingItem> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from dealscout_pricing_items where id = :id")
                .param("id", id)
                .query(PricingItems::row)
                .optional();
    }

    List<PricingItem.Photo> photos(UUID item) {
        return jdbc.sql("select position, object_key, media_type, size_bytes, width, height"
                        + " from dealscout_pricing_photos where item_id = :item order by position")
                .param("item", item)
                .query((rs, n) -> new PricingItem.Photo(
                        rs.getInt("position"),
                        rs.getString("object_key"),
                        rs.getString("media_type"),
                        rs.getLong("size_bytes"),
                        rs.getInt("width"),
                        rs.getInt("height")))
                .list();
    }

    /** Items waiting for a worker: queued ones, and ones whose worker's lease ran out (it crashed or stalled). */
    List<PricingItem> due(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from dealscout_pricing_items where status = 'received'"
                        + " or (status in ('identifying', 'pricing') and claimed_until < :now)"
                        + " order by updated_at limit :limit")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(PricingItems::row)
                .list();
    }

    /**
     * Moves an item to {@code status} if it is still at the version read; a claim also sets the lease. Returns the
     * item's new version, or empty when another instance (or the merchant's PATCH) changed it first.
     */
    Optional<Integer> transition(
            PricingItem item,
            PricingStatus status,
            @Nullable Instant claimedUntil,
            @Nullable String reason,
            @Nullable String proposal,
            @Nullable String answer,
            Instant now) {
        int updated = jdbc.sql("update dealscout_pricing_items set status = :status, claimed_until = :lease,"
                        + " reason = :reason, proposal = :proposal, answer = :answer, version = version + 1,"
                        + " updated_at = :now where id = :id and version = :version")
                .param("status", status.wire())
                .param("lease", claimedUntil == null ? null : Timestamp.from(claimedUntil))
                .param("reason", reason)
                .param("proposal", proposal)
                .param("answer", answer)
                .param("now", Timestamp.from(now))
                .param("id", item.id())
                .param("version", item.version())
                .update();
        return updated == 1 ? Optional.of(item.version() + 1) : Optional.empty();
    }

    /** The merchant's corrections, and the item back in the queue with its old answer cleared. */
    boolean correct(PricingItem item, PricingItem.Inputs inputs, Instant now) {
        return jdbc.sql("update dealscout_pricing_items set title = :title, description = :description,"
                                + " gtin = :gtin, condition_id = :condition, category_id = :category,"
                                + " status = 'received', claimed_until = null, reason = null, answer = null,"
                                + " version = version + 1, updated_at = :now where id = :id and version = :version")
                        .param("title", inputs.title())
                        .param("description", inputs.description())
                        .param("gtin", inputs.gtin())
                        .param("condition", inputs.conditionId())
                        .param("category", inputs.categoryId())
                        .param("now", Timestamp.from(now))
                        .param("id", item.id())
                        .param("version", item.version())
                        .update()
                == 1;
    }

    private static PricingItem row(ResultSet rs, int n) throws SQLException {
        int condition = rs.getInt("condition_id");
        Integer conditionId = rs.wasNull() ? null : condition;
        return new PricingItem(
                rs.getObject("id", UUID.class),
                new MerchantId(rs.getObject("merchant_id", UUID.class)),
                PricingStatus.ofWire(rs.getString("status")),
                new PricingItem.Inputs(
                        rs.getString("title"),
                        rs.getString("description"),
                        rs.getString("gtin"),
                        conditionId,
                        rs.getString("category_id")),
                rs.getString("currency"),
                rs.getString("reason"),
                rs.getString("proposal"),
                rs.getString("answer"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
