using System.Diagnostics;
using GpuImdb.Tests;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Prediction;

namespace GpuImdb.Trainer.Tests.Prediction;

public class KerasReviewTokenizerTests
{
    private static readonly WordIndex Words = new(
    [
        new("the", 1), new("movie", 2), new("was", 3), new("great", 4), new("don't", 5), new("café", 6),
        new("rare", 20),
    ]);

    private static readonly KerasReviewTokenizer Tokenizer = new(Words, vocabSize: 12);

    [Fact]
    public void Words_are_lower_cased_split_at_filter_characters_and_shifted_by_three_after_the_start_mark()
    {
        var ids = Tokenizer.Encode("The MOVIE,was\tgreat!!(the)\nmovie");

        Assert.Equal([1, 4, 5, 6, 7, 4, 5], ids);
    }

    [Fact]
    public void Unknown_words_are_dropped_and_ranks_past_the_vocabulary_become_the_unknown_id()
    {
        var ids = Tokenizer.Encode("the zebra was rare, rarely great");

        Assert.Equal([1, 4, 6, 2, 7], ids);
    }

    [Fact]
    public void Apostrophes_stay_inside_words_as_in_keras()
    {
        Assert.Equal([1, 8], Tokenizer.Encode("Don't"));
        Assert.Equal([1], Tokenizer.Encode("don t"));
    }

    [Fact]
    public void Only_ascii_letters_are_lower_cased_and_other_characters_are_kept()
    {
        Assert.Equal([1, 9], Tokenizer.Encode("café"));
        Assert.Equal([1], Tokenizer.Encode("CAFÉ"));
        Assert.Equal([1, 5], Tokenizer.Encode("日本 movie \u00A0"));
    }

    [Fact]
    public void Empty_and_blank_text_give_only_the_start_mark()
    {
        Assert.Equal([1], Tokenizer.Encode(""));
        Assert.Equal([1], Tokenizer.Encode("  ...!!  \n"));
    }

    [Fact]
    public void A_100000_word_review_is_encoded_in_full_and_fast()
    {
        string text = string.Join(' ', Enumerable.Repeat("the great movie", 33_334));
        var clock = Stopwatch.StartNew();

        var ids = Tokenizer.Encode(text);

        Assert.Equal(1 + 100_002, ids.Length);
        Assert.Equal([1, 4, 7, 5, 4], ids[..5]);
        Assert.True(clock.Elapsed.TotalSeconds < 2, $"took {clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public void With_the_real_word_index_the_tutorials_first_review_starts_with_its_ids()
    {
        var tokenizer = new KerasReviewTokenizer(WordIndex.Load(SharedData.WordIndexJson), vocabSize: 10_000);

        var ids = tokenizer.Encode("This film was just brilliant, casting, location, scenery, story, direction "
            + "everyone's really suited the part they played");

        Assert.Equal([1, 14, 22, 16, 43, 530, 973, 1622, 1385, 65, 458, 4468, 66, 3941, 4, 173, 36, 256], ids);
    }
}
