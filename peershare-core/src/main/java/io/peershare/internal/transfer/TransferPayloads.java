package io.peershare.internal.transfer;

import static io.peershare.internal.json.Jsons.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/** The JSON shapes of the transfer events, each documented in {@code docs/protocol.md}. */
final class TransferPayloads {

    private TransferPayloads() {
    }

    /** Every {@code file-transfer-*} event but the request: the transfer as it stands, who acted and why. */
    static JsonObject state(Transfer t, String by, String reason) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("transferId", t.id())
                .add("from", t.sender().id())
                .add("to", t.receiver().id())
                .add("fileName", t.fileName())
                .add("fileSize", t.fileSize())
                .add("mimeType", t.mimeType())
                .add("state", t.state().name().toLowerCase(Locale.ROOT))
                .add("bytesTransferred", t.bytesTransferred());
        if (by != null) {
            o.add("by", by);
        }
        if (reason != null) {
            o.add("reason", reason);
        }
        return o.build();
    }

    /** {@code file-transfer-request}, as the receiver hears of it. */
    static JsonObject request(Transfer t, String fromUserName) {
        return JSON.createObjectBuilder()
                .add("transferId", t.id())
                .add("from", t.sender().id())
                .add("fromUserName", fromUserName)
                .add("fileName", t.fileName())
                .add("fileSize", t.fileSize())
                .add("mimeType", t.mimeType())
                .build();
    }
}
