package dev.embedlab.staticembed.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** Hand-written texts for parity tests: English sentences and strings chosen to break tokenizers. */
final class SampleTexts {

    private SampleTexts() {
    }

    static List<String> english() {
        return List.of(
                "The quick brown fox jumps over the lazy dog.",
                "How do I reset my password?",
                "what is the capital of nigeria",
                "Vespa is a fully featured search engine and vector database.",
                "query: how much protein should a female eat",
                "passage: As a general guideline, the CDC's average requirement of protein for women ages 19 to 70 is 46 grams per day.",
                "I can't believe it's not butter!",
                "Dr. Smith's U.S.-based lab (est. 1999) earned $1,250,000.50 in grants; see https://example.com/a?b=c&d=e#f.",
                "e-mail me at first.last+tag@example.co.uk, or call +1 (555) 010-9999 ext. 42",
                "C++ and C# aren't the same as F#; neither is Objective-C.",
                "Transformers: state-of-the-art NLP — for PyTorch, TensorFlow & JAX.",
                "The 3rd of July, 2024 at 10:45pm GMT+01:00 was 28.5°C.",
                "unbelievably uncharacteristically antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
                "HTML <div class=\"x\">a &amp; b</div> and `code_blocks` with snake_case and camelCase and SCREAMING_CASE",
                "\"Quoted,\" she said. 'Single quotes' -- and (parentheses) [brackets] {braces} <angles>",
                "Tokenization of numbers: 0 1 12 123 1234 12345 123456 1234567 3.14159 -2.5e10 0x1F 1_000",
                "Multiple   spaces\tand\ttabs\nand\nnewlines\r\nand CRLF",
                "   leading and trailing whitespace   ",
                "ALL CAPS SENTENCE WITH SOME WORDS",
                "Mixed CaSe WoRdS LiKe iPhone eBay McDonald's O'Neill",
                "Who won the FIFA World Cup in 2018?",
                "List of Yoruba kings and the history of Ọyọ Empire",
                "~!@#$%^&*()_+`-={}|[]\\:\";'<>?,./",
                "naïve café résumé coöperate façade jalapeño piñata",
                "hello world");
    }

    static List<String> adversarial() {
        List<String> t = new ArrayList<>(List.of(
                // empty and whitespace only
                "", " ", "   ", "\t", "\n", "\r", "\r\n", " \t\n\r ", "\u000B", "\u000C", "\u0085", "\u00A0",
                "\u3000", "\u2028\u2029", "\u1680", "\u2000\u200A", "\u202F\u205F", "\u001C\u001D\u001E\u001F",
                "a\u000Bb", "a\u000Cb", "a\u0085b", "a\u00A0b", "a\u3000b", "a\u001Cb",
                // control characters and U+FFFD
                "a\u0000b", "\u0000", "\u0007bell", "\u001b[31mred\u001b[0m", "del\u007f", "x\uFFFDy", "\uFFFD",
                "\u0080\u009F", "a\u0001b\u0002c\u0003",
                // zero-width and format characters
                "zero\u200Bwidth", "\u200B", "a\u200Cb\u200Dc", "\uFEFFbom", "a\u2060b", "soft\u00ADhyphen",
                "rtl\u202Emark\u202C", "\u061C\u0600", "a\u08E2b",
                // private use: the Rust crate knows only the named endpoints
                "\uE000", "\uE001", "\uF8FE", "\uF8FF", "x\uE123y", "\uDB80\uDC00", "\uDB80\uDC01",
                // combining marks and accents
                "e\u0301", "caf\u00E9", "cafe\u0301", "\u1EB9\u0300", "\u1EB9\u0300 \u1ECD\u0301 \u00E0", "a\u0323\u0300",
                "a\u0300\u0323", "a\u0301\u0301\u0301", "\u0301", "\u0301abc", " \u0301 ", "\uFB01nance", "\u212B",
                "\u1E9B\u0323", "o\u0308\u0304", "\u0915\u093C\u094D\u0937", "\u0B95\u0BCD\u0BB7",
                "\u0D15\u0D4D\u0D37", "e\u0903\u0301", "x\u302E\u0301\u302F", "\u08D4x", "a\u1AB0b", "a\u0345b",
                "\u0E01\u0E34\u0E19", "Ye\u0300mi\u0301",
                // Yoruba with tone marks, precomposed and decomposed
                "\u1EB9\u0300k\u1ECD\u0301 \u00E0ti \u00ECw\u00E9", "\u1EB8\u0300K\u1ECC\u0301 \u00C0TI",
                "Or\u00ED\u1E63\u00E0 \u00E0ti \u00C8d\u00E8 Yor\u00F9b\u00E1",
                // emoji and surrogate pairs
                "\uD83D\uDE00", "I \u2764 NY", "\u2764\uFE0F", "\uD83D\uDC4D\uD83C\uDFFD",
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", "\uD83C\uDDF3\uD83C\uDDEC",
                "smile\uD83D\uDE00smile", "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02", "#\uFE0F\u20E3",
                "\uD834\uDD1E music", "\uD835\uDC00\uD835\uDC01 math bold", "\uD83E\uDD84 unicorn",
                // lone surrogates
                "\uD83D", "\uDE00", "a\uD83Db", "a\uDE00b", "\uDE00\uD83D",
                // CJK, extension B and C, compatibility ideographs
                "\u5317\u4EAC\u5927\u5B66", "\u4E2D\u6587\u5206\u8BCD\u6D4B\u8BD5", "\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8",
                "\uD55C\uAD6D\uC5B4 \uD14D\uC2A4\uD2B8", "\uD840\uDC00\uD840\uDC01", "\uD869\uDF00", "\u3400\u4DB5",
                "\uF900\uF901", "abc\u4E2Ddef", "\u3002\uFF0C\u3001", "\u30FC\u30FB", "\u1100\u1161\u11A8",
                // scripts
                "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
                "\u0645\u064E\u0631\u0652\u062D\u064E\u0628\u064B\u0627", "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\u0E04\u0E23\u0E31\u0E1A",
                "\u0928\u092E\u0938\u094D\u0924\u0947 \u0926\u0941\u0928\u093F\u092F\u093E", "\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD",
                "\u041F\u0440\u0438\u0432\u0435\u0442, \u043C\u0438\u0440!", "\u10D2\u10D0\u10DB\u10D0\u10E0\u10EF\u10DD\u10D1\u10D0",
                "\u1C90\u1C91\u1C92", "\u0531\u0532\u0533", "\u12A0\u121B\u122D\u129B", "\u13A0\u13A1",
                // added tokens typed literally
                "[CLS] [SEP] [MASK] [UNK]", "[CLS]hello[SEP]", "[PAD]", "[cls] [Sep]", "[[CLS]]", "[CLS", "[MASK][MASK]",
                "a[UNK]b", "x [MASK] y", "[SEP][CLS]", "[ CLS ]",
                // case mapping differences between Rust and Java
                "\u0130stanbul", "\u0130STANBUL istanbul \u0131", "stra\u00DFe STRASSE \u1E9E", "\u03A3\u038A\u03A3\u03A5\u03A6\u039F\u03A3",
                "\u1F48\u0394\u03A5\u03A3\u03A3\u0395\u038E\u03A3", "\u03C3\u03C2 \u03A3", "\u01C5 \u01C4 \u01C6", "\u2C2F\uA7C0\u1C89\uA7CB",
                "\uD801\uDD70\uD801\uDD71", "\u212A\u2126", "\u0049\u0307", "\u0130\u0301",
                // fullwidth and compatibility forms
                "\uFF21\uFF22\uFF23\uFF11\uFF12\uFF13\uFF01", "\uFF48\uFF45\uFF4C\uFF4C\uFF4F", "\u2460\u2461 \u00BD \u00B2 \u2167",
                // punctuation, symbols, punctuation added after Unicode 8.0
                "\u00BFQu\u00E9? \u00A1Hola!", "\u00ABquote\u00BB \u201Csmart\u201D \u2018single\u2019", "\u2014\u2013-",
                "\u00A7 \u00B6 \u2020 \u2021 \u2022 \u2026", "\u2E43\u2E44 \u2E49 \u2E4F", "a\u2E52b", "\u066A\u060C\u061F",
                "\u0964\u0965", "$5 + 3 = 8 < 9 > 7 ^ 2 | 1 ~ 0 ` x", "\u20AC100 \u00A3 \u00A5 \u20BF", "\u2211x\u00B2 \u2264 10",
                "\u0378\u0379 unassigned", "\uD83E\uDEF8 new emoji", "\u1F00\u0345",
                // numbers
                "12345678901234567890", "\u0663\u0664\u0665", "\u0967\u0968\u0969"));
        // long words around max_input_chars_per_word (100), counted in code points after normalization
        t.add("a".repeat(100));
        t.add("a".repeat(101));
        t.add("hello".repeat(20));
        t.add("hello".repeat(21));
        t.add("e\u0301".repeat(100));
        t.add("e\u0301".repeat(101));
        t.add("\u00E9".repeat(101));
        t.add("\uD83D\uDE00".repeat(100));
        t.add("\uD83D\uDE00".repeat(101));
        t.add("x" + "\u4E2D".repeat(150));
        t.add("supercalifragilisticexpialidocious".repeat(5) + " short");
        t.add(("word" + "-").repeat(200));
        t.add("ok " + "z".repeat(300) + " ok " + "hello".repeat(40) + " [SEP]" + "ab".repeat(60));
        t.add("ascii only text of exactly one hundred and one characters, no more and no less, for this test ok");
        // a 100 KB text
        StringBuilder big = new StringBuilder();
        List<String> english = english();
        for (int i = 0; big.length() < 100_000; i++) {
            big.append(english.get(i % english.size())).append(i % 7 == 0 ? "\n" : " ");
            if (i % 11 == 0) big.append("\u1EB9\u0300k\u1ECD\u0301 \u4E2D\u6587 \uD83D\uDE00 [SEP] ");
        }
        t.add(big.toString());
        return t;
    }
}
