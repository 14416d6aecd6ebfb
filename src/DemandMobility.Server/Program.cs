// Placeholder host until the dispatch service lands (issue: dispatch service).
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();
