package cn.compoundgis.survey.recognize;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipe's size as surveyors write it: {@code DN400}, {@code 400}, {@code Φ400}, {@code d400}, {@code De400}
 * (a diameter in mm) or {@code 400×300}, {@code 400*300}, {@code 400X300} (width × height of a duct or box culvert).
 */
public record PipeSize(Integer diameterMm, Integer widthMm, Integer heightMm) {
    private static final Pattern DIAMETER = Pattern.compile("^(?:DN|DE|D|Φ|φ|Ф|ф|Ø|ø|∅)?\\s*(\\d+(?:\\.\\d+)?)\\s*(?:MM)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOX = Pattern.compile("^(?:B\\s*[×XxＸ*]\\s*H\\s*)?(\\d+(?:\\.\\d+)?)\\s*[×XxＸ*]\\s*(\\d+(?:\\.\\d+)?)\\s*(?:MM)?$",
            Pattern.CASE_INSENSITIVE);

    public static Optional<PipeSize> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        Matcher box = BOX.matcher(t);
        if (box.matches()) {
            return isSize(box.group(1)) && isSize(box.group(2))
                    ? Optional.of(new PipeSize(null, mm(box.group(1)), mm(box.group(2)))) : Optional.empty();
        }
        Matcher diameter = DIAMETER.matcher(t);
        if (diameter.matches() && isSize(diameter.group(1))) {
            return Optional.of(new PipeSize(mm(diameter.group(1)), null, null));
        }
        return Optional.empty();
    }

    /** From 1 mm to the largest whole number of millimetres: DN0 or a 12-digit typing error is no size. */
    private static boolean isSize(String number) {
        double mm = Double.parseDouble(number);
        return mm >= 0.5 && mm < Integer.MAX_VALUE;
    }

    private static int mm(String number) {
        return (int) Math.round(Double.parseDouble(number));
    }

    /** The size written the usual way: DN400 or 400×300. */
    public String display() {
        return diameterMm != null ? "DN" + diameterMm : widthMm + "×" + heightMm;
    }
}
