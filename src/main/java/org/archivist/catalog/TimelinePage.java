package org.archivist.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The timeline: thumbnails of everything (or of what the filters keep) grouped by the month they
 * were taken in, in the photo's own local time, one chunk of 100 at a time by keyset cursor as the
 * page scrolls. Every filter is in the URL, so a search is a bookmark and the back button works.
 */
@Controller
class TimelinePage {

    static final int CHUNK = 100;

    /** The filters and order as the URL carries them (the API's names). */
    record Filters(String kind, String mediaType, Long library, List<Long> tag, String tags, Long person, Long studio, Long collection,
                   String capturedFrom, String capturedTo, String cameraMake, String cameraModel, Boolean hasGps, Double minRating,
                   String confidence, String status, String q, String sort, String order, String favorites) {

        ItemQuery query() {
            return filter().query(blank(sort), blank(order));
        }

        ItemFilter filter() {
            return new ItemFilter(blank(kind), blank(mediaType), library, tag, blank(tags), person, studio, collection, blank(capturedFrom),
                    blank(capturedTo), blank(cameraMake), blank(cameraModel), hasGps, minRating, blank(confidence), blank(status), blank(q));
        }

        private static String blank(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** One tile: what the grid shows of an item. */
    record Tile(long id, String title, String thumbnail, String badge, String month) {
    }

    /** Tiles of one month, and whether its heading is shown (not when the month began in the chunk before). */
    record Month(String label, boolean heading, List<Tile> tiles) {
    }

    private final ItemBrowser browser;
    private final LibraryService libraries;
    private final TagService tags;
    private final CollectionService collections;

    private final org.archivist.access.Callers callers;

    private final BookService books;
    private final CatalogAccess access;

    TimelinePage(ItemBrowser browser, LibraryService libraries, TagService tags, CollectionService collections,
                 org.archivist.access.Callers callers, BookService books, CatalogAccess access) {
        this.books = books;
        this.access = access;
        this.callers = callers;
        this.browser = browser;
        this.collections = collections;
        this.libraries = libraries;
        this.tags = tags;
    }

    @GetMapping("/")
    String timeline(@ModelAttribute("filters") Filters filters, Model model) {
        Long book = bookWithIsbn(filters.q());
        if (book != null) return "redirect:/items/" + book;
        model.addAttribute("libraries", libraries.visibleTo(callers.current()));
        model.addAttribute("allTags", tags.list(null));
        model.addAttribute("years", scrubber());
        model.addAttribute("allCollections", collections.list());
        model.addAttribute("roles", PersonRole.values());
        model.addAttribute("filterParams", filterParams());
        try {
            chunk(filters, null, null, model);
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("months", List.of());
        }
        return "catalog/timeline";
    }

    /** A search that is an ISBN (10 or 13, any spelling) opens that book, when the caller may see it; anything else is a search. */
    private Long bookWithIsbn(String q) {
        if (q == null || !Isbn.isValid(q.strip())) return null;
        Long book = books.find(q.strip()).orElse(null);
        if (book == null || access.visibleItems(List.of(book), callers.current()).isEmpty()) return null;
        return book;
    }

    /** The next chunk for endless scrolling: its tiles, and a marker that loads the one after. */
    @GetMapping("/timeline/more")
    String more(@ModelAttribute("filters") Filters filters, @RequestParam(required = false) String cursor,
                @RequestParam(required = false) String month,
                Model model) {
        chunk(filters, cursor, month, model);
        return "catalog/timeline :: chunk";
    }

    private void chunk(Filters filters, String cursor, String previousMonth, Model model) {
        ItemBrowser.Page page = browser.page(filters.query().within(callers.current().libraries())
                .favoritesOf(ItemController.favoritesOf(filters.favorites(), callers.current())), cursor, CHUNK);
        List<Month> months = new ArrayList<>();
        String last = previousMonth;
        for (ItemBrowser.Row row : page.items()) {
            String month = monthOf(row);
            if (months.isEmpty() || !months.get(months.size() - 1).label().equals(month)) {
                months.add(new Month(month, !month.equals(last), new ArrayList<>()));
            }
            months.get(months.size() - 1).tiles().add(new Tile(row.id(), row.title(), row.thumbnailUrl(), badge(row), month));
            last = month;
        }
        model.addAttribute("months", months);
        // Where this chunk came from, for the page to fetch it again after it dropped it while scrolling far away.
        model.addAttribute("source", here("/timeline/more", Map.of()));
        model.addAttribute("more", page.next() == null ? null : here("/timeline/more", Map.of("cursor", page.next(), "month", last)));
        model.addAttribute("page", here("/", Map.of("cursor", "", "month", "")));
    }

    /**
     * A path on this server with this request's parameters (as the request decoded them), some replaced
     * (an empty value removes one), encoded once and relative: it works behind a reverse proxy and under HTTPS.
     */
    static String here(String path, Map<String, String> replaced) {
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest();
        org.springframework.web.util.UriComponentsBuilder plain = org.springframework.web.util.UriComponentsBuilder.fromPath(path);
        request.getParameterMap().forEach((name, values) -> {
            if (!replaced.containsKey(name)) for (String value : values) plain.queryParam(name, value);
        });
        replaced.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) plain.queryParam(name, value);
        });
        return plain.build().encode().toUriString(); // values as given, each encoded once (no URI templates)
    }

    /** A filter parameter of this page, carried by the selection's form so "all of this search" means what the grid shows. */
    record Param(String name, String value) {
    }

    private static List<Param> filterParams() {
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest();
        List<Param> params = new java.util.ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            if (List.of("cursor", "month", "sort", "order").contains(name)) return;
            for (String value : values) if (!value.isBlank()) params.add(new Param(name, value));
        });
        return params;
    }

    /** The month in the photo's local time (its offset when known, else UTC), "No date" without one. */
    static String monthOf(ItemBrowser.Row row) {
        if (row.capturedAt() == null) return "No date";
        LocalDate local = row.capturedAt().atOffset(ZoneOffset.ofTotalSeconds(row.offsetMinutes() == null ? 0 : row.offsetMinutes() * 60))
                .toLocalDate();
        return local.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + local.getYear();
    }

    private static String badge(ItemBrowser.Row row) {
        if (row.durationSeconds() != null && row.durationSeconds() > 0) {
            long seconds = Math.round(row.durationSeconds());
            return seconds >= 3600 ? "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60)
                    : "%d:%02d".formatted(seconds / 60, seconds % 60);
        }
        return row.mediaType() == MediaType.IMAGE ? null : row.mediaType().value();
    }

    /** A year and its months, newest first, for jumping: each month links to the timeline from its end. */
    record Year(int year, List<Jump> months) {
    }

    record Jump(String label, String url) {
    }

    /** The years between the oldest and newest capture date (two index lookups, however large the catalogue). */
    List<Year> scrubber() {
        Instant[] range = browser.capturedRange(callers.current().libraries());
        if (range == null) return List.of();
        YearMonth first = YearMonth.from(range[0].atOffset(ZoneOffset.UTC)), last = YearMonth.from(range[1].atOffset(ZoneOffset.UTC));
        List<Year> years = new ArrayList<>();
        for (int year = last.getYear(); year >= first.getYear() && years.size() < 200; year--) {
            List<Jump> months = new ArrayList<>();
            for (int month = 12; month >= 1; month--) {
                YearMonth ym = YearMonth.of(year, month);
                if (ym.isAfter(last) || ym.isBefore(first)) continue;
                String end = ym.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
                months.add(new Jump(ym.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), here("/", Map.of("capturedTo", end,
                        "cursor", "", "month", "", "sort", "captured", "order", "desc"))));
            }
            years.add(new Year(year, months));
        }
        return years;
    }
}
