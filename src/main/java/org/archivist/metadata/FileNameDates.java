package org.archivist.metadata;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates people and devices put in file names: {@code IMG_20180412_192449}, {@code PXL_20210101_123456789},
 * {@code Screenshot 2019-05-21 at 10.45.52}, {@code Screenshot_20190521-104552}, {@code telegram_2020-01-30_09-57-18},
 * {@code signal-2020-01-30-095718}, {@code IMG-20200130-WA0001} (date only), {@code 2018-04-12 19_24_49}, and a
 * bare {@code 20050815} inside a name. A name gives a wall-clock time without an offset.
 */
public final class FileNameDates {

    private static final Pattern DATE_TIME = Pattern.compile(
            "(?<!\\d)((?:18[3-9]|19\\d|20\\d)\\d)([-_.]?)(0[1-9]|1[0-2])\\2(0[1-9]|[12]\\d|3[01])"
                    + "(?:(?:[ _T-]|\\s?at\\s?|\\s?um\\s?)([01]\\d|2[0-3])([-_.:h]?)([0-5]\\d)\\6([0-5]\\d)(?:[.,_]?(\\d{1,3}))?)?"
                    + "(?!\\d{3})");

    private FileNameDates() {
    }

    public static Optional<DateCandidate> find(String fileName) {
        String stem = fileName.replaceFirst("\\.[^.]{1,5}$", "");
        Matcher m = DATE_TIME.matcher(stem);
        while (m.find()) {
            try {
                int hour = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
                int minute = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
                int second = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
                int millis = m.group(9) == null ? 0 : Integer.parseInt((m.group(9) + "00").substring(0, 3));
                LocalDateTime wall = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), hour, minute, second, millis * 1_000_000);
                return Optional.of(DateCandidate.local(DateOrigin.FILE_NAME, "FileName", wall));
            } catch (DateTimeException e) {
                // 2019-02-30 looks like a date but is not one; keep looking further in the name.
            }
        }
        return Optional.empty();
    }
}
