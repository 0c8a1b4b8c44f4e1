using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class WordIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
    }

    [Fact]
    public void Decodes_ids_the_way_the_tutorial_does()
    {
        var words = new WordIndex([new("the", 1), new("movie", 2), new("great", 3)]);

        var text = words.Decode([1, 4, 5, 3, 2, 6, 0, 7, -1]);

        Assert.Equal("<START> the movie <UNUSED> <UNK> great <PAD> ? ?", text);
    }

    [Fact]
    public void Decodes_with_another_offset()
    {
        var words = new WordIndex([new("the", 1), new("movie", 2), new("great", 3)]);

        var text = words.Decode([1, 11, 12, 13], indexFrom: 10);

        Assert.Equal("<START> the movie great", text);
    }

    [Fact]
    public void Loads_a_json_word_index()
    {
        var json = "\uFEFF{\"fawn\": 34701, \"the\": 1, \"caf\\u00e9\": 2}"u8.ToArray();
        var path = _folder.Write("index.json", json);

        var words = WordIndex.Load(path);

        Assert.Equal(3, words.Count);
        Assert.Equal(34701, words.Ranks["fawn"]);
        Assert.Equal("the café", words.Decode([4, 5]));
    }

    [Theory]
    [InlineData("{\"the\": 1, ", "is not a valid word index")]
    [InlineData("[1, 2]", "is not a valid word index")]
    [InlineData("{\"the\": 1} extra", "is not a valid word index")]
    [InlineData("{\"the\": \"one\"}", "word 'the' has rank \"one\"; expected a whole number")]
    [InlineData("{\"the\": 0}", "word 'the' has rank 0; expected a whole number of 1 or more")]
    [InlineData("{\"the\": 1.5}", "word 'the' has rank 1.5; expected a whole number")]
    public void Refuses_bad_json_naming_the_file(string json, string expected)
    {
        var path = _folder.Write("index.json", System.Text.Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<UserErrorException>(() => WordIndex.Load(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData(" { } ")]
    public void Refuses_a_word_index_with_no_words_naming_the_file(string json)
    {
        var path = _folder.Write("index.json", System.Text.Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<UserErrorException>(() => WordIndex.Load(path));

        Assert.Equal(
            $"{path} is a word index with no words ({{}}), so no review would have a known word. Expected Keras's "
            + "imdb_word_index.json or the word_index.json of a model folder; download Keras's from "
            + $"{WordIndex.DownloadAddress}.",
            error.Message);
    }

    [Fact]
    public void Coverage_counts_the_word_ids_that_decode_to_a_question_mark()
    {
        var words = new WordIndex([new("the", 1), new("movie", 2)]);

        var coverage = words.Coverage([1, 4, 5, 2, 3, 0, 9, -1]);

        Assert.Equal(new IdCoverage(WordIds: 4, UnknownIds: 2), coverage);
        Assert.False(coverage.MostlyUnknown);
        Assert.Null(coverage.Warning("index.json"));
    }

    [Fact]
    public void A_review_with_most_word_ids_unknown_gets_a_one_line_warning()
    {
        var words = new WordIndex([new("the", 1)]);

        var coverage = words.Coverage([1, 4, 8, 9, 2, 2, 2]);

        Assert.True(coverage.MostlyUnknown);
        Assert.Equal(
            "2 of the review's 3 word ids have no word in index.json (shown as ?); that word index does not fit "
            + "these ids. Pass --word-index with the one the data was made with.",
            coverage.Warning("index.json"));
    }

    [Fact]
    public void A_review_of_only_reserved_ids_is_not_mostly_unknown()
    {
        var coverage = new WordIndex([new("the", 1)]).Coverage([1, 2, 2, 0]);

        Assert.Equal(new IdCoverage(0, 0), coverage);
        Assert.False(coverage.MostlyUnknown);
    }

    [Fact]
    public void Refuses_a_missing_file_naming_it()
    {
        var path = Path.Combine(_folder.Path, "imdb_word_index.json");

        var error = Assert.Throws<UserErrorException>(() => WordIndex.Load(path));

        Assert.StartsWith($"File not found: {path};", error.Message);
    }
}
