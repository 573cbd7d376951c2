namespace CityEdge.Setup
{
    /// <summary>What the setup page answers to one request: the device's HTTP listener writes it as is.</summary>
    public sealed class SetupResponse
    {
        public SetupResponse(int statusCode, string contentType, string body)
        {
            StatusCode = statusCode;
            ContentType = contentType;
            Body = body;
        }

        public int StatusCode { get; }

        public string ContentType { get; }

        public string Body { get; }
    }
}
