import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../support/fixtures';
import { anthropicClient, geminiClient, openAiClient } from '../support/sdk-clients';
import { useTestGateway } from '../support/use-test-gateway';

/** Issue 4: images and reasoning through the real server, across formats, with the official SDKs. */
describe('images and reasoning across formats', () => {
  const setup = useTestGateway();
  const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const weatherTool = { name: 'weather', description: 'Weather in a city', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } };
  const recorded = fixtureJson('anthropic-messages', 'message-thinking-tool-use.json');
  const thinking = recorded.content.find((block: any) => block.type === 'thinking');

  it('an OpenAI image (data URL) reaches an Anthropic provider as a base64 image block', async () => {
    await openAiClient(setup.gateway.url).chat.completions.create({
      model: 'via-messages',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL}` } }] }],
    });
    const content = setup.upstream.received[0].body.messages[0].content;
    expect(content).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'text', text: 'What is this?' }),
        expect.objectContaining({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } }),
      ]),
    );
  });

  it('a Gemini inlineData image reaches an OpenAI provider as an image_url data URL', async () => {
    await geminiClient(setup.gateway.url).models.generateContent({
      model: 'via-chat',
      contents: [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: PIXEL } }] }],
    });
    const content = setup.upstream.received[0].body.messages.at(-1).content;
    expect(content).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'image_url', image_url: expect.objectContaining({ url: `data:image/png;base64,${PIXEL}` }) })]));
  });

  it('Anthropic thinking (streamed, same format) keeps its text and signature for the client', async () => {
    const message = await anthropicClient(setup.gateway.url)
      .messages.stream({
        model: 'via-messages',
        max_tokens: 5000,
        thinking: { type: 'enabled', budget_tokens: 4000 },
        tools: [{ name: weatherTool.name, description: weatherTool.description, input_schema: weatherTool.parameters as any }],
        messages: [{ role: 'user', content: 'What is the weather in Florence?' }],
      })
      .finalMessage();
    const block = message.content.find((item) => item.type === 'thinking');
    expect(block && block.type === 'thinking' && block.thinking.length).toBeGreaterThan(20);
    expect(block && block.type === 'thinking' && block.signature.length).toBeGreaterThan(20);
    expect(message.content.find((item) => item.type === 'tool_use')).toMatchObject({ name: 'weather', input: { location: 'Florence, Italy' } });
    expect(setup.upstream.received[0].body.thinking).toEqual({ type: 'enabled', budget_tokens: 4000 });
  });

  it('an OpenAI client with reasoning_effort gets an Anthropic provider\'s thinking as reasoning_content', async () => {
    const completion = await openAiClient(setup.gateway.url).chat.completions.create({
      model: 'via-messages',
      reasoning_effort: 'medium',
      tools: [{ type: 'function', function: weatherTool }],
      messages: [{ role: 'user', content: 'What is the weather in Florence?' }],
    });
    // The provider was asked to think with a budget derived from the effort.
    expect(setup.upstream.received[0].body.thinking).toMatchObject({ type: 'enabled' });
    expect(setup.upstream.received[0].body.thinking.budget_tokens).toBeGreaterThanOrEqual(1024);
    const message = completion.choices[0].message as any;
    expect(message.reasoning_content).toBe(thinking.thinking);
    expect(message.tool_calls[0].function.name).toBe('weather');
    expect(JSON.parse(message.tool_calls[0].function.arguments)).toEqual({ location: 'Florence, Italy' });
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.usage).toMatchObject({ prompt_tokens: recorded.usage.input_tokens, completion_tokens: recorded.usage.output_tokens });
  });

  it('a Gemini client asking for thoughts gets an Anthropic provider\'s thinking as thought parts', async () => {
    const response = await geminiClient(setup.gateway.url).models.generateContent({
      model: 'via-messages',
      contents: 'What is the weather in Florence?',
      config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 }, tools: [{ functionDeclarations: [{ name: weatherTool.name, description: weatherTool.description, parametersJsonSchema: weatherTool.parameters }] }] },
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(parts.find((part) => part.thought)?.text).toBe(thinking.thinking);
    expect(response.functionCalls?.[0]).toMatchObject({ name: 'weather', args: { location: 'Florence, Italy' } });
  });
});
