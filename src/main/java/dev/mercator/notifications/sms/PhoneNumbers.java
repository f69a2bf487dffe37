package dev.mercator.notifications.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * Phone numbers as Twilio takes them, E.164 ({@code +14155552671}), read with libphonenumber so that the spaces,
 * dashes and brackets people type are accepted and a number that cannot exist (wrong length, unassigned prefix) is
 * refused when the destination is saved rather than by Twilio's 21211 at the first alert. Only international form:
 * without a {@code +} and a country code a number's country would be a guess.
 */
final class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /** The number in E.164, or empty if it is not a valid number in international form. */
    static Optional<String> e164(String typed) {
        String stripped = typed.strip();
        if (!stripped.startsWith("+") || stripped.length() > 32) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(stripped, "ZZ");
            if (!PHONES.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }

    /** A number shown in a log line or reason: its country code and last two digits only. */
    static String masked(String e164) {
        return e164.length() <= 5 ? "***" : e164.substring(0, 2) + "***" + e164.substring(e164.length() - 2);
    }
}
