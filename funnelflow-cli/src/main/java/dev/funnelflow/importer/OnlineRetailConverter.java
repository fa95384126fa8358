package dev.funnelflow.importer;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * UCI "Online Retail" (Chen 2015), the invoice lines of a UK online gift retailer over a year:
 * {@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}, fields optionally in
 * double quotes, times like {@code 2011-03-10 16:16:00} (the sample in {@code ../shared/data}) or
 * {@code 12/1/2010 8:26} (the widely shared CSV of the original sheet), read as UTC.
 *
 * <p>Each line with a positive quantity is a purchase: the invoice is its order and session, the stock code its item,
 * the unit price its price. The dataset has no categories; the stock code's first two characters, which group the
 * retailer's product ranges (21…, 22…, 84…, 85…), stand in for one, so demand is forecast per range. Customers
 * without an id ({@code NA}) become one anonymous user per invoice. Cancellations (invoices {@code C…}), adjustments
 * (quantity ≤ 0) and lines that are not products (postage, fees, manual entries: stock codes not starting with a
 * digit) are skipped with a reason.
 */
final class OnlineRetailConverter implements RowConverter {
    private static final List<DateTimeFormatter> INVOICE_DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]"),
            DateTimeFormatter.ofPattern("M/d/uuuu H:mm"));

    @Override
    public String header() {
        return "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    }

    @Override
    public ClickEvent convert(String row, String eventId) throws BadRowException {
        RowFields fields = RowFields.splitQuoted(row, ',', 8);
        String invoice = fields.text(0, "InvoiceNo");
        if (invoice.startsWith("C")) {
            throw new BadRowException("cancellation " + invoice);
        }
        String stockCode = fields.text(1, "StockCode");
        if (!Character.isDigit(stockCode.charAt(0))) {
            throw new BadRowException("not a product: stock code '" + stockCode + "'");
        }
        int quantity = quantity(fields.text(3, "Quantity"));
        long timeMs = invoiceTime(fields.text(4, "InvoiceDate"));
        Double price = fields.optionalNonNegativeDecimal(5, "UnitPrice");
        String customer = fields.text(6, "CustomerID");
        String userId = customer.equals("NA") ? "guest-" + invoice : customer;
        return RowConverter.event(eventId, timeMs, userId, invoice, EventType.PURCHASE, stockCode,
                stockCode.substring(0, Math.min(2, stockCode.length())), price, quantity, invoice);
    }

    private static int quantity(String value) throws BadRowException {
        int quantity;
        try {
            quantity = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRowException("Quantity is not an integer: '" + value + "'");
        }
        if (quantity <= 0) {
            throw new BadRowException("adjustment: Quantity " + quantity);
        }
        return quantity;
    }

    private static long invoiceTime(String value) throws BadRowException {
        for (DateTimeFormatter format : INVOICE_DATES) {
            try {
                return LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeException e) {
                // try the next format
            }
        }
        throw new BadRowException("InvoiceDate is not 'YYYY-MM-DD HH:MM[:SS]' or 'M/D/YYYY H:MM': '" + value + "'");
    }
}
