package dev.custos.audit.api;

import dev.custos.audit.LogKeys;
import dev.custos.audit.api.EntryStore.ExportRow;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.log.LogStoreException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export of a range of the log as JSON lines or CSV, for the role {@code exporter}. The rows are
 * streamed from a database cursor to the response, so a range of any length is never in memory.
 */
@Path("/v1/log")
public class ExportResource {
  private static final Logger log = LoggerFactory.getLogger(ExportResource.class);

  /** Header line of the CSV export, RFC 4180 with CRLF line ends. */
  static final String CSV_HEADER =
      "leaf_index,leaf_hash,event_id,event_type,event_source,event_time,subject_digest,"
          + "subject_image,subject_namespace,subject_name,decision,entry";

  private final AuditLog auditLog;
  private final EntryStore entries;
  private final BearerTokens tokens;

  ExportResource(AuditLog auditLog, EntryStore entries, BearerTokens tokens) {
    this.auditLog = auditLog;
    this.entries = entries;
    this.tokens = tokens;
  }

  @GET
  @Path("/export")
  public Response export(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("start") String startParam,
      @QueryParam("end") String endParam,
      @QueryParam("format") String formatParam) {
    tokens.authorize(authorization, TokenRole.EXPORTER);
    long start = QueryParameters.nonNegative("start", startParam);
    long end = QueryParameters.nonNegative("end", endParam);
    String format = formatParam == null ? "jsonl" : formatParam;
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw ApiException.invalidParameter(
          "format", "format must be jsonl or csv, but is '" + format + "'");
    }
    long size = auditLog.size();
    if (end < start) {
      throw ApiException.invalidParameter("end", "end " + end + " is below start " + start);
    }
    // Unlike the entries route, an export does not lower end: a file that silently stopped short
    // of the range it names would mislead the readers of an archive.
    if (size == 0) {
      throw ApiException.invalidParameter(
          "start", "the log is empty, so there is nothing to export");
    }
    if (end >= size) {
      throw ApiException.invalidParameter(
          "end",
          "end "
              + end
              + " is not below the tree size "
              + size
              + "; the last entry is "
              + (size - 1));
    }

    boolean csv = format.equals("csv");
    StreamingOutput body =
        output -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 65536);
          if (csv) {
            writer.write(CSV_HEADER);
            writer.write("\r\n");
          }
          try {
            entries.export(start, end, row -> writer.write(csv ? csvLine(row) : jsonLine(row)));
          } catch (LogStoreException e) {
            // The status line is sent already, so the client sees a response cut short.
            log.atError()
                .setCause(e)
                .addKeyValue(LogKeys.TREE_SIZE, size)
                .log("Export failed while streaming; the response is incomplete");
            throw new IOException("exporting entries " + start + " to " + end + " failed", e);
          }
          writer.flush();
        };
    String fileName = "custos-audit-" + start + "-" + end + "." + format;
    return Response.ok(body)
        .type(csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .build();
  }

  /**
   * Formats one JSON line: the leaf index, the leaf hash in hex and the stored entry bytes in
   * standard base64, exactly what a verifier needs to recompute the root. Every value is a number,
   * hex or base64, so nothing needs escaping.
   */
  static String jsonLine(ExportRow row) {
    return "{\"leafIndex\":"
        + row.leafIndex()
        + ",\"leafHash\":\""
        + HexFormat.of().formatHex(row.leafHash())
        + "\",\"entry\":\""
        + Base64.getEncoder().encodeToString(row.entry())
        + "\"}\n";
  }

  /** Formats one CSV record of {@link #CSV_HEADER}, with the entry as its canonical JSON text. */
  static String csvLine(ExportRow row) {
    StringBuilder line = new StringBuilder(256 + row.entry().length);
    line.append(row.leafIndex()).append(',');
    line.append(HexFormat.of().formatHex(row.leafHash())).append(',');
    appendField(line, row.eventId()).append(',');
    appendField(line, row.eventType()).append(',');
    appendField(line, row.eventSource()).append(',');
    appendField(line, row.eventTime() == null ? null : row.eventTime().toString()).append(',');
    appendField(line, row.digest()).append(',');
    appendField(line, row.image()).append(',');
    appendField(line, row.namespace()).append(',');
    appendField(line, row.name()).append(',');
    appendField(line, row.decision()).append(',');
    appendField(line, new String(row.entry(), StandardCharsets.UTF_8));
    return line.append("\r\n").toString();
  }

  /**
   * Appends a field, quoted when it contains a comma, quote, CR or LF (RFC 4180).
   *
   * <p>NOTE: values that start with {@code =}, {@code +}, {@code -} or {@code @} are not escaped
   * against spreadsheet formula evaluation, because the export must keep them as logged.
   */
  private static StringBuilder appendField(StringBuilder line, String value) {
    if (value == null) {
      return line;
    }
    boolean quote = value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
    if (!quote) {
      return line.append(value);
    }
    return line.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
